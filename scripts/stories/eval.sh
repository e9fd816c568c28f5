#!/usr/bin/env bash
# Story clustering evaluation: ECB+ B-cubed (test, dev, train, whole), batch-vs-one-shot check,
# ECB+ together with the sample corpus, then the scale benchmark over a generated stream.
# Usage: scripts/stories/eval.sh [ECBPLUS_DIR] [SIZES...]   (run from the repository root)
set -euo pipefail
ecb="${1:-../shared/benchmarks/ecbplus}"
shift || true
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(10000 100000); fi
cargo run --release -p corroborate-resolve --example stories_eval -- "$ecb" --sample examples/syria-2024-12
cargo run --release -p corroborate-resolve --example stories_scale -- "$ecb" "${sizes[@]}"
