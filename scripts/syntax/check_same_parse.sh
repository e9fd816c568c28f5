#!/usr/bin/env bash
# check_same_parse.sh [--save] : whether the parse (tags, lemmas, features, heads, relations) of
# every sentence of GUM and UD English EWT (their words kept: `corroborate parse --conllu`), of
# GUM's sentence texts (tokenized here: `corroborate parse`) and of every ECB+ document
# (`stage_cost --dump`) is byte for byte what it was when `--save` last ran. For changes that must
# not move any output (speed work on the bundled model). Outputs go to .cache/syntax/same/.
#
#   BENCH=../shared/benchmarks scripts/syntax/check_same_parse.sh --save   # before the change
#   BENCH=../shared/benchmarks scripts/syntax/check_same_parse.sh          # after: exit 1 on a difference
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=${BENCH:-../shared/benchmarks}
save=0
[ "${1:-}" = "--save" ] && save=1
out=.cache/syntax/same
mkdir -p "$out"
cargo build -q --release -p corroborate
cargo build -q --release -p corroborate-compare --example stage_cost
bin=target/release/corroborate
new=$(mktemp -d)
trap 'rm -rf "$new"' EXIT
for f in "$bench"/gum/dep/*.conllu "$bench"/ewt/*.conllu; do
  "$bin" parse --conllu "$f"
done >"$new/conllu.txt"
for f in "$bench"/gum/dep/*.conllu; do
  sed -n 's/^# text = //p' "$f"
done >"$new/gum-text.txt"
"$bin" parse "$new/gum-text.txt" >"$new/text.txt"
rm "$new/gum-text.txt"
target/release/examples/stage_cost "$bench/ecbplus" --dump "$new/ecbplus.txt" >/dev/null
if [ $save = 1 ]; then
  cp "$new"/*.txt "$out/"
  (cd "$out" && sha256sum conllu.txt text.txt ecbplus.txt)
  echo "check_same_parse: saved as the reference"
  exit 0
fi
status=0
for f in conllu.txt text.txt ecbplus.txt; do
  if cmp -s "$out/$f" "$new/$f"; then
    echo "same: $f ($(wc -l <"$new/$f") lines)"
  else
    echo "DIFFERENT: $f"
    diff "$out/$f" "$new/$f" | head -20
    status=1
  fi
done
exit $status
