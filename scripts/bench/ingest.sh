#!/usr/bin/env bash
# Whole-pipeline ingest benchmark: N generated plain-text documents (default 100000) from the
# benchmark texts into a fresh SQLite store (decode, clean, segment, metadata, time expressions,
# fingerprints, copy links, all rows); prints documents/s and MB/s. Story clustering is left out
# unless STORIES=1. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
bench=${BENCHMARKS:-../shared/benchmarks}
out=bench-out
corpus="$out/corpus-$n"
cargo build --release -q
if [ ! -d "$corpus" ]; then
  python3 scripts/bench/gen_corpus.py "$bench" "$corpus" "$n"
fi
rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
# Warm the page cache so the number measures the pipeline, not the disk.
find "$corpus" -type f -exec cat {} + > /dev/null
bytes=$(du -sb "$corpus" | cut -f1)
start=$(date +%s.%N)
# STORIES=1 includes story clustering in the timed run (the default ingest does it).
flags="--no-stories"
[ "${STORIES:-0}" = 1 ] && flags=""
./target/release/corroborate --db "$out/bench.db" --quiet ingest $flags "$corpus"
end=$(date +%s.%N)
python3 - "$n" "$bytes" "$start" "$end" "$out/bench.db" <<'PY'
import sqlite3, sys
n, b, s, e, db = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
secs = e - s
c = sqlite3.connect(db)
docs = c.execute("select count(*) from documents").fetchone()[0]
links = c.execute("select count(*) from duplicates").fetchone()[0]
sents = c.execute("select count(*) from sentences").fetchone()[0]
print(f"ingested {n} inputs ({b/1e6:.1f} MB) in {secs:.1f} s: {n/secs:,.0f} documents/s, {b/1e6/secs:.1f} MB/s; "
      f"{docs} stored, {sents} sentences, {links} copy links")
PY
