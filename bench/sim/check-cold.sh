#!/usr/bin/env bash
# `nslab check --sim --all-pairs` on a 100-node lab (a router and 99 hosts, bench/kernel/star.py)
# from a cold JVM, wall time of the whole command, RUNS times. Needs no privilege.
#
#   bench/sim/check-cold.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
./nslab --version >/dev/null
lab=$(mktemp --suffix=.yaml)
trap 'rm -f "$lab"' EXIT
python3 bench/kernel/star.py 99 yaml star100 > "$lab"
for ((i = 1; i <= RUNS; i++)); do
  t0=$EPOCHREALTIME
  summary=$(./nslab check --sim --all-pairs "$lab" | tail -1)
  t1=$EPOCHREALTIME
  echo "run $i: $(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}') s wall ($summary)"
done
