#!/usr/bin/env bash
# Tunes NER training settings on the dev sets: ECB+ dev topics and MEANTIME corpus_stock (left out of training here).
#
# Usage: scripts/ner/sweep.sh "GOLD_COPIES..." "EPOCHS..."   (after scripts/ner/train.sh has built the corpus)
# Env: TRAIN_FLAGS (more ner_train flags), TAG (model file suffix). Writes models under $CACHE/sweep/; the shipped model is made by train.sh, not here.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/benchmarks}
CACHE=${CACHE:-.cache/ner}
COPIES=${1:-"1 2 4"}
EPOCHS=${2:-"10"}
mkdir -p "$CACHE/sweep"
cargo build --release -q -p corroborate-entities --example ner_train --example ner_eval
# gold.txt without the MEANTIME stock documents, which serve as MEANTIME dev here.
python3 - "$CACHE/gold.txt" "$CACHE/sweep/gold_nostock.txt" <<'PY'
import sys
docs = open(sys.argv[1]).read().split("-DOCSTART- ")
keep = [d for d in docs if d and not d.startswith("meantime/corpus_stock/")]
open(sys.argv[2], "w").write("".join("-DOCSTART- " + d for d in keep))
PY
for gc in $COPIES; do
  : > "$CACHE/sweep/train.txt"
  for _ in $(seq "$gc"); do cat "$CACHE/sweep/gold_nostock.txt" >> "$CACHE/sweep/train.txt"; done
  cat "$CACHE/silver.txt" >> "$CACHE/sweep/train.txt"
  for ep in $EPOCHS; do
    m="$CACHE/sweep/model_g${gc}_e${ep}${TAG:-}.bin"
    ./target/release/examples/ner_train "$CACHE/sweep/train.txt" "$m" --epochs "$ep" --seed 13 \
      --min-count 2 --prune 0.05 ${TRAIN_FLAGS:-} 2>&1 | tail -1
    echo "== gold copies $gc, epochs $ep ${TRAIN_FLAGS:-}"
    ./target/release/examples/ner_eval "$BENCH" --split dev --model "$m" --out "$CACHE/sweep/eval" \
      | grep -E "^===|^all"
  done
done
