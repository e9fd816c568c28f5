#!/usr/bin/env bash
# Build data/background/en.tsv.gz, the background word frequencies the story clusterer weighs
# terms with, from the PyPI package wordfreq (see data/background/README.md).
#
# Downloads the pinned wheel into .cache/background (gitignored), checks its sha256 and converts
# it with make_background.py. Same wheel in, same bytes out.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache/background"
out="$root/data/background/en.tsv.gz"
mkdir -p "$cache" "$(dirname "$out")"

spec="wordfreq==3.1.1"
sha="4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473"
file="wordfreq-3.1.1-py3-none-any.whl"

if [[ ! -f "$cache/$file" ]]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: "$spec" -d "$cache"
fi
echo "$sha  $cache/$file" | sha256sum --check --quiet || {
  echo "checksum mismatch for $file: the package on PyPI changed; review it and update the pin" >&2
  exit 1
}

python3 "$root/scripts/stories/make_background.py" "$cache/$file" "$out" -700
