#!/usr/bin/env bash
# Tunes NER training settings on the dev sets: ECB+ dev topics and MEANTIME dev (corpus_stock and every other corpus_apple article, left out of training here).
#
# Usage: scripts/ner/sweep.sh "GOLD_COPIES..." "EPOCHS..."   (after scripts/ner/train.sh has built the corpus)
# Env: SWEEP (work dir, default $CACHE/sweep; one per sweep run in parallel), TRAIN_FLAGS (more ner_train flags), TAG (model file suffix), SEEDS (default 13; several to see the noise). Writes models under $SWEEP/; the shipped model is made by train.sh, not here.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/benchmarks}
CACHE=${CACHE:-.cache/ner}
COPIES=${1:-"1 2 4"}
EPOCHS=${2:-"10"}
SWEEP=${SWEEP:-$CACHE/sweep}
mkdir -p "$SWEEP"
cargo build --release -q -p corroborate-entities --example ner_train --example ner_eval
# gold.txt without the MEANTIME dev documents (the same rule as `meantime_dev` in ner_eval.rs:
# corpus_stock, and the second, fourth, ... corpus_apple file in name order).
python3 - "$CACHE/gold.txt" "$SWEEP/gold_nostock.txt" <<'PY'
import sys
docs = [d for d in open(sys.argv[1]).read().split("-DOCSTART- ") if d]
apple = sorted(d.split("\n", 1)[0] for d in docs if d.startswith("meantime/corpus_apple/"))
dev = set(apple[1::2])
keep = [d for d in docs if not d.startswith("meantime/corpus_stock/") and d.split("\n", 1)[0] not in dev]
open(sys.argv[2], "w").write("".join("-DOCSTART- " + d for d in keep))
PY
for gc in $COPIES; do
  : > "$SWEEP/train.txt"
  for _ in $(seq "$gc"); do cat "$SWEEP/gold_nostock.txt" >> "$SWEEP/train.txt"; done
  cat "$CACHE/silver.txt" >> "$SWEEP/train.txt"
  for ep in $EPOCHS; do
    for seed in ${SEEDS:-13}; do
      m="$SWEEP/model_g${gc}_e${ep}_s${seed}${TAG:-}.bin"
      ./target/release/examples/ner_train "$SWEEP/train.txt" "$m" --epochs "$ep" --seed "$seed" \
        --min-count 2 --prune 0.05 ${TRAIN_FLAGS:-} 2>&1 | tail -1
      echo "== gold copies $gc, epochs $ep, seed $seed ${TRAIN_FLAGS:-}"
      ./target/release/examples/ner_eval "$BENCH" --split dev --model "$m" --out "$SWEEP/eval" \
        | grep -E "^===|^(all|[A-Z]+) +[0-9]"
    done
  done
done
