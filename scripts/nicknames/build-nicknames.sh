#!/usr/bin/env bash
# Build data/nicknames/nicknames.tsv, the given-name nickname table alias resolution reads
# ("Katie" of "Kathryn"), from the PyPI package nicknames (see data/nicknames/README.md).
#
# Downloads the pinned wheel into .cache/nicknames (gitignored), checks its sha256 and converts
# its names.csv (name1,has_nickname,name2 rows) into one "name<TAB>nickname" line per pair,
# lower case, sorted, duplicates dropped. Same wheel in, same bytes out.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache/nicknames"
out="$root/data/nicknames/nicknames.tsv"
mkdir -p "$cache" "$(dirname "$out")"

spec="nicknames==1.0.1"
sha="30608a6a50086bb508e6d5f4fb618ef4f988d5604f73ec1ebcccbc92952f9de9"
file="nicknames-1.0.1-py3-none-any.whl"

if [[ ! -f "$cache/$file" ]]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: "$spec" -d "$cache"
fi
echo "$sha  $cache/$file" | sha256sum --check --quiet || {
  echo "checksum mismatch for $file: the package on PyPI changed; review it and update the pin" >&2
  exit 1
}

python3 - "$cache/$file" "$out" <<'PY'
import csv, io, sys, zipfile

wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    text = z.read("nicknames/names.csv").decode("utf-8")
pairs = set()
for row in csv.DictReader(io.StringIO(text)):
    if row["relationship"] != "has_nickname":
        continue
    a, b = row["name1"].strip().lower(), row["name2"].strip().lower()
    if a and b and a != b and a.isalpha() and b.isalpha():
        pairs.add((a, b))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for a, b in sorted(pairs):
        f.write(f"{a}\t{b}\n")
print(f"{out}: {len(pairs)} pairs")
PY
