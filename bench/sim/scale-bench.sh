#!/usr/bin/env bash
# Scaling curves of the simulator's commands: for each N, the N-host star (bench/kernel/star.py: N hosts, each a veth
# to one router, a /30 with an address at each end, a default route on each host; neighbours static) and
#   validate LAB             load and check the lab file
#   up --sim LAB             build it in the simulator (and run its checks: it has none)
#   check --sim --all-pairs  every node pings every address (2 N (N + 1) pings), JSON to a file; only N <= ALL_PAIRS_MAX
#   script STAR.sh           the same star as a shell script of ip commands (star.py N shell), run on the simulator
# each a whole ./nslab command (launcher, JVM start, the work, the output), measured by /usr/bin/time -v: wall time
# and peak resident memory. Each runs ROUNDS times and the run with the median wall time counts. Needs no privilege.
# Prints a table and appends the figures, tab separated, to OUT (default bench/sim/scale-results.tsv), which
# bench/sim/scale-plot.py draws (log-log, time against N).
#
#   bench/sim/scale-bench.sh [N...]      (default: 100 1000 10000; ROUNDS=3, ALL_PAIRS_MAX=1000, SCRIPT_MAX=10000,
#                                        NSLAB_JIT=c1|full to force the compiler choice of every command)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
ALL_PAIRS_MAX=${ALL_PAIRS_MAX:-1000}
SCRIPT_MAX=${SCRIPT_MAX:-10000}
OUT=${OUT:-bench/sim/scale-results.tsv}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
./nslab --version > /dev/null   # builds the CLI and its AOT cache if needed, outside the measurement
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

# one command, ROUNDS times; prints "seconds max_rss_mb" of the run with the median wall time
measure() {
  local runs=() r
  for ((r = 1; r <= ROUNDS; r++)); do
    if ! /usr/bin/time -v -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr"; then
      local rc
      rc=$(awk -F': ' '/Exit status/ {print $2}' "$work/time")
      # check exits 1 when a ping is unanswered: that is an answer, not a failure of the benchmark
      if [ "$rc" != 1 ] || [ "$2" != check ]; then
        echo "failed (exit $rc): $*" >&2
        tail -5 "$work/stderr" >&2
        exit 1
      fi
    fi
    runs+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
                        /Maximum resident/ {m = $2 / 1024} END {printf "%.2f %.0f\n", w, m}' "$work/time")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2)'
}

printf '%-8s %-30s %10s %12s\n' N command seconds "max RSS MB"
for n in "${sizes[@]}"; do
  python3 bench/kernel/star.py "$n" yaml "star$n" | sed 's/^name: \(.*\)$/name: \1\ndefaults:\n  neighbours: static/' > "$work/star$n.yaml"
  python3 bench/kernel/star.py "$n" shell "s$n" > "$work/star$n.sh"
  load=$(cut -d' ' -f1 /proc/loadavg)
  rows=("validate|./nslab validate $work/star$n.yaml"
        "up --sim|./nslab up --sim $work/star$n.yaml")
  if [ "$n" -le "$ALL_PAIRS_MAX" ]; then
    rows+=("check --sim --all-pairs|./nslab check --sim --all-pairs -o json $work/star$n.yaml")
  fi
  if [ "$n" -le "$SCRIPT_MAX" ]; then
    rows+=("script|./nslab script $work/star$n.sh")
  fi
  for row in "${rows[@]}"; do
    name=${row%%|*}
    read -r -a cmd <<< "${row#*|}"
    read -r secs rss <<< "$(measure "${cmd[@]}")"
    printf '%-8s %-30s %10s %12s\n' "$n" "$name" "$secs" "$rss"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$build" "$n" "$name" "$secs" "$rss" "$load" >> "$OUT"
  done
done
