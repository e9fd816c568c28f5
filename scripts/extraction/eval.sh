#!/usr/bin/env bash
# Main-text extraction on the Dragnet benchmark: ours, trafilatura (three settings) and
# readability-lxml on the same pages in the same run, scored by one scorer and timed (pages/s,
# one process each, extraction call only).
#
#   scripts/extraction/eval.sh [dev|test|all] [BENCH_DIR]
#
# Ours is timed through `corroborate_ingest::read_bytes` (the call `ingest --no-stories` makes per
# input: decoding, HTML extraction, cleaning, segmentation, metadata), in the release example
# `extraction_eval`; our scored text is the document title line plus the body, since Dragnet's
# gold begins with the headline. Tune on dev only; report test once. PEERS=none skips the peers
# (PEERS=cached scores the peer outputs a previous run wrote, without running them); VERSUS=readability-lxml lists the pages
# where that peer beats ours by most (VERSUS_N of them, 25 by default).
set -euo pipefail
split=${1:-dev}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${2:-$root/../shared/benchmarks/extraction}
[ -d "$bench/dragnet" ] || bench=/work/shared/benchmarks/extraction
dragnet=$bench/dragnet
out=${OUT:-$root/target/extraction-eval/$split}
mkdir -p "$out"
venv=${VENV:-$root/target/extraction-venv}
if [ "${PEERS:-}" != none ] && [ "${PEERS:-}" != cached ]; then
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q -r "$here/requirements.txt"
  fi
fi
cargo run -q --release -p corroborate-ingest --example extraction_eval -- "$dragnet" "$split" "$out/ours.jsonl"
systems=("ours=$out/ours.jsonl")
if [ "${PEERS:-}" != none ]; then
  if [ "${PEERS:-}" != cached ]; then
    "$venv/bin/python" "$here/peers.py" "$dragnet" "$split" "$out"
  fi
  for s in trafilatura-default trafilatura-no-comments trafilatura-precision readability-lxml; do
    systems+=("$s=$out/$s.jsonl")
  done
fi
versus=()
if [ -n "${VERSUS:-}" ]; then versus=(--versus "$VERSUS" "${VERSUS_N:-25}"); fi
python3 "$here/score.py" "$dragnet/ground-truth.json" --worst "${WORST:-15}" "${versus[@]}" "${systems[@]}"
