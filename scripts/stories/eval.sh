#!/usr/bin/env bash
# Story clustering evaluation: ECB+ B-cubed (test, dev, train, whole), batch-vs-one-shot check,
# ECB+ together with the sample corpus, then the scale benchmark over a generated stream
# (documents/s per size, growth of time with size, and the process's maximum RSS).
# Usage: scripts/stories/eval.sh [ECBPLUS_DIR] [SIZES...]   (run from the repository root)
set -euo pipefail
ecb="${1:-../shared/benchmarks/ecbplus}"
shift || true
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(10000 100000); fi
cargo build --release -p corroborate-resolve --example stories_eval --example stories_scale
./target/release/examples/stories_eval "$ecb" --sample examples/syria-2024-12
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v ./target/release/examples/stories_scale "$ecb" "${sizes[@]}" 2> >(grep -E "Maximum resident|Elapsed" >&2)
else
    ./target/release/examples/stories_scale "$ecb" "${sizes[@]}"
fi
