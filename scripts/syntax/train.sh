#!/usr/bin/env bash
# Rebuilds data/syntax/model.bin (tagger, lemmatizer, parser) from GUM train and EWT train+dev; fixed seeds, same bytes on every run; not run by CI.
#
# Env: BENCH (default ../shared/benchmarks), GUM_COPIES (GUM sentences seen N times per epoch;
# default 1), COPIES_PARSER_ONLY (1: those copies are for the parser only, the tagger and
# lemmatizer see GUM once; 0, default), COPIES_TAGGER_ONLY (1: they are for the tagger, the
# lemmatizer and the jackknife taggers only, the parser sees GUM once; 0, default), BARE_COPIES
# (1: the tagger's extra copies lose their closing punctuation; 0, default), TAGGER_EPOCHS, PARSER_EPOCHS, FOLDS, PRUNE_TAGGER, PRUNE_PARSER, EXTENDED (1,
# default: parser features of universal tags and word endings; 0: without), CLUSTERS (the
# parser's word-cluster table, default .cache/syntax/clusters.tsv, made here from
# all-MiniLM-L6-v2 by scripts/ner/make_clusters.py when missing; `none`: without),
# TAGGER_CLUSTERS (1: the tagger reads the clusters too; 0, default: only the parser),
# TAGGER_RARE_BELOW (with TAGGER_CLUSTERS: a word reads its own cluster only when seen fewer
# times than this in training, its neighbours' always; 0, default: every word),
# TAGGER_CONTEXT (1: the tagger reads word pairs and the next words' endings; 0, default: without),
# ATTACH (1: parser features of a phrase's marker word, its preposition or conjunction,
# with the candidate heads; 0, default: without), RICH (1: parser features of a phrase's
# leftmost adposition or conjunction, the punctuation between the words, valency with
# distance; 0, default: without), TAGGER_SWAP (1: after the model is trained, its tagger is
# trained again with GUM seen TAGGER_COPIES times per epoch (default 2), the extra copies
# without their closing punctuation, and put in place of the first, the lemmatizer and parser
# kept; 0, default: the first model as it is), OUT (default data/syntax/model.bin). The shipped
# settings are the defaults, chosen on GUM dev. `scripts/syntax/check_reproducible.sh` runs this
# twice and compares the bytes. Takes about 5 minutes of one idle core (an hour or more on a
# machine shared with several builds).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-../shared/benchmarks}
# include_bytes! needs the file to exist before the trainer (in the same crate) can compile.
[ -f data/syntax/model.bin ] || : > data/syntax/model.bin
OUT=${OUT:-data/syntax/model.bin}
CLUSTERS=${CLUSTERS:-.cache/syntax/clusters.tsv}
if [ "$CLUSTERS" != none ] && [ ! -s "$CLUSTERS" ]; then
  mkdir -p "$(dirname "$CLUSTERS")"
  model_dir=$(bash scripts/models/fetch-minilm.sh)
  python3 scripts/ner/make_clusters.py "$model_dir" "$CLUSTERS.tmp"
  mv "$CLUSTERS.tmp" "$CLUSTERS"
fi
args=()
[ "${EXTENDED:-1}" = 1 ] && args+=(--extended)
[ "$CLUSTERS" != none ] && args+=(--clusters "$CLUSTERS")
[ "$CLUSTERS" != none ] && [ "${TAGGER_CLUSTERS:-0}" = 1 ] && args+=(--tagger-clusters)
[ "$CLUSTERS" != none ] && [ "${TAGGER_CLUSTERS:-0}" = 1 ] && args+=(--tagger-rare-below "${TAGGER_RARE_BELOW:-0}")
[ "${TAGGER_CONTEXT:-0}" = 1 ] && args+=(--tagger-context)
[ "${ATTACH:-0}" = 1 ] && args+=(--attach)
[ "${RICH:-0}" = 1 ] && args+=(--rich)
[ "${COPIES_PARSER_ONLY:-0}" = 1 ] && args+=(--copies-parser-only)
[ "${COPIES_TAGGER_ONLY:-0}" = 1 ] && args+=(--copies-tagger-only)
[ "${BARE_COPIES:-0}" = 1 ] && args+=(--bare-copies)
cargo build --release -p corroborate-extract --example syntax_train
first=$OUT
[ "${TAGGER_SWAP:-0}" = 1 ] && first=$OUT.first
nice -n 10 target/release/examples/syntax_train \
  --gum "$BENCH/gum" --ewt "$BENCH/ewt" --out "$first" "${args[@]}" \
  --gum-copies "${GUM_COPIES:-1}" --tagger-epochs "${TAGGER_EPOCHS:-8}" --parser-epochs "${PARSER_EPOCHS:-12}" \
  --folds "${FOLDS:-4}" --prune-tagger "${PRUNE_TAGGER:-1.0}" --prune-parser "${PRUNE_PARSER:-1.0}"
if [ "${TAGGER_SWAP:-0}" = 1 ]; then
  tagger_args=()
  [ "$CLUSTERS" != none ] && [ "${TAGGER_CLUSTERS:-0}" = 1 ] && tagger_args+=(--clusters "$CLUSTERS" --tagger-clusters --tagger-rare-below "${TAGGER_RARE_BELOW:-0}")
  [ "${TAGGER_CONTEXT:-0}" = 1 ] && tagger_args+=(--tagger-context)
  nice -n 10 target/release/examples/syntax_train \
    --gum "$BENCH/gum" --ewt "$BENCH/ewt" --out "$OUT" --parser-from "$first" "${tagger_args[@]}" \
    --gum-copies "${TAGGER_COPIES:-2}" --bare-copies --tagger-epochs "${TAGGER_EPOCHS:-8}" \
    --prune-tagger "${PRUNE_TAGGER:-1.0}"
  rm -f "$first"
fi
sha256sum "$OUT"
