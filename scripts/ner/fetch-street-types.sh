#!/usr/bin/env bash
# Fetches PyPI usaddress-scourgify (pinned, sha256-verified; MIT) into .cache/ner and prints the wheel's path: its USPS street-type abbreviations.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.7.1
SHA256=bddd5fb05f988795930ce5a781ba885b616a34e8d3e40ebd078568645273cd36
CACHE=${CACHE:-.cache/ner}
mkdir -p "$CACHE"
WHL="$CACHE/usaddress_scourgify-$VERSION-py3-none-any.whl"
if [ ! -s "$WHL" ]; then
  pip download --quiet --no-deps --only-binary=:all: "usaddress-scourgify==$VERSION" -d "$CACHE" >&2
fi
echo "$SHA256  $WHL" | sha256sum -c --quiet - >&2
echo "$WHL"
