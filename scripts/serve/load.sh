#!/usr/bin/env bash
# Load test of `corroborate serve` on loopback: ingests the sample into a fresh store, starts
# the server on a free port, runs scripts/serve/load.py (50 readers + 2 writers for 60 s by
# default), stops the server, and prints errors, lost writes and latency percentiles.
# usage: scripts/serve/load.sh [SECONDS] [READERS] [WRITERS]
#   CORROBORATE_BIN=target/debug/corroborate to use another build (default: release, built here).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; readers=${2:-50}; writers=${3:-2}
bin=${CORROBORATE_BIN:-target/release/corroborate}
if [[ -z ${CORROBORATE_BIN:-} ]]; then cargo build -q --release -p corroborate; fi
tmp=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
# The script's status is load.py's, whatever stopping the server returns.
trap 'st=$?; cleanup; exit $st' EXIT
token=load-test-token-$RANDOM$RANDOM$RANDOM
"$bin" --db "$tmp/c.db" --quiet ingest examples/syria-2024-12
"$bin" --db "$tmp/c.db" --quiet serve --port 0 --align lexical --token "$token" \
  --writes-per-minute 100000 > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^corroborate serve: http://' "$tmp/serve.out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.err"; echo "load.sh: the server did not start"; exit 1; }
  sleep 0.2
done
base=$(sed -n 's|^corroborate serve: \(http://[^/]*\)/.*|\1|p' "$tmp/serve.out")
[[ -n $base ]] || { echo "load.sh: no address from the server"; exit 1; }
echo "load.sh: $base, $seconds s, $readers readers, $writers writers ($bin)"
python3 scripts/serve/load.py "$base" "$token" --readers "$readers" --writers "$writers" --seconds "$seconds"
