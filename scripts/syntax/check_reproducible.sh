#!/usr/bin/env bash
# Trains the syntax model twice with scripts/syntax/train.sh (same settings, same environment)
# and checks that both runs wrote the same bytes, and the bytes of data/syntax/model.bin.
# Exit 0 only when all three agree. Takes two training runs (run it on a quiet machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for run in 1 2; do
  OUT="$tmp/run$run.bin" bash scripts/syntax/train.sh > "$tmp/run$run.log" 2>&1 \
    || { echo "run $run failed:"; tail -n 5 "$tmp/run$run.log"; exit 1; }
done
sha256sum "$tmp/run1.bin" "$tmp/run2.bin" data/syntax/model.bin
a=$(sha256sum < "$tmp/run1.bin") b=$(sha256sum < "$tmp/run2.bin") c=$(sha256sum < data/syntax/model.bin)
[ "$a" = "$b" ] || { echo "NOT reproducible: two runs differ"; exit 1; }
[ "$a" = "$c" ] || { echo "reproducible, but data/syntax/model.bin is not what train.sh makes now"; exit 1; }
echo "reproducible: both runs and data/syntax/model.bin are the same bytes"
