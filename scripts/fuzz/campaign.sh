#!/usr/bin/env bash
# A fuzz campaign over every target of crates `corroborate-fuzz` (fuzz/): each target runs in
# turn for its share of the time, in rounds with fresh seeds, under the limits of issue 17: an
# input that takes more than 10 s or takes the process past 1 GB is flagged, and so is a
# crash (a panic, or a process killed by a stack overflow or abort: the input is regenerated
# from the status file the target leaves behind). Findings go to fuzz/findings/TARGET/.
#
#   scripts/fuzz/campaign.sh [SECONDS_TOTAL=3600] [ROUND_SECONDS=300]
#   nice -n 10 scripts/fuzz/campaign.sh 3600 > fuzz-campaign.log 2>&1 &
#
# Exit status: 0 nothing flagged, 1 something flagged (listed at the end).
set -uo pipefail
cd "$(dirname "$0")/../.."
total=${1:-3600}
round=${2:-300}
out=${FUZZ_OUT:-fuzz/findings}
cargo build --release -q -p corroborate-fuzz || exit 2
bin=target/release/corroborate-fuzz
mapfile -t targets < <("$bin" list)
per_round=$(( round / ${#targets[@]} )); (( per_round < 5 )) && per_round=5
flagged=0
start=$(date +%s)
seed=${FUZZ_SEED:-1}
declare -A next execs
while (( $(date +%s) - start < total )); do
  for t in "${targets[@]}"; do
    left=$(( total - ($(date +%s) - start) )); (( left <= 0 )) && break
    secs=$(( per_round < left ? per_round : left ))
    log=$("$bin" run "$t" --seconds "$secs" --seed "$seed" --start "${next[$t]:-0}" --out "$out" 2>/dev/null)
    rc=$?
    echo "$log" | grep -E "^FLAGGED" && flagged=1
    summary=$(echo "$log" | tail -1)
    if [[ $summary =~ ^$t:\ ([0-9]+)\ executions.*next\ --start\ ([0-9]+) ]]; then
      execs[$t]=$(( ${execs[$t]:-0} + BASH_REMATCH[1] )); next[$t]=${BASH_REMATCH[2]}
      echo "$(date -u +%H:%M:%S) seed $seed $summary"
    elif [[ $rc -ne 3 && $rc -ne 1 ]]; then
      # Killed without a word (stack overflow, abort): the status file names the input.
      read -r s i < "$out/$t.status"
      mkdir -p "$out/$t"
      "$bin" replay "$t" "$s" "$i" --save "$out/$t/killed-$s-$i.bin" > /dev/null 2>&1
      echo "FLAGGED $t killed (exit $rc): input $s $i saved to $out/$t/killed-$s-$i.bin"
      flagged=1; next[$t]=$(( i + 1 ))
    else
      # Stopped by the watchdog (slow or memory): go on after the flagged input.
      read -r s i < "$out/$t.status" 2>/dev/null && next[$t]=$(( i + 1 ))
    fi
  done
  seed=$(( seed + 1 )); next=()
done
echo "campaign: $(( $(date +%s) - start )) s"
for t in "${targets[@]}"; do echo "  $t: ${execs[$t]:-0} executions"; done
if (( flagged )); then echo "flagged inputs: $(find "$out" -name '*.bin' | wc -l) under $out"; exit 1; fi
echo "nothing flagged"
