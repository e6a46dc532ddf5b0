#!/usr/bin/env bash
# Where `nslab script`'s time goes on the N-host star (default 1000): three scripts run alternately, ROUNDS times
# (default 3), each a whole `./nslab script` command under /usr/bin/time (wall, CPU user + sys of every process of the
# run, minor page faults):
#   empty  `true`: the fixed cost (launcher, outer JVM, sandbox, second JVM, prelude, exit);
#   calls  as many `ip netns list` calls as the star has lines, on an empty world: the round trip of a tool call
#          (bash's function, the socket, the server's dispatch) with next to no simulation;
#   star   `bench/kernel/star.py N shell`: the round trips plus the simulator's work.
# Per call: (calls - empty) / lines is the round trip, (star - calls) / lines the simulation. Medians are printed.
# CPU time is the steadier figure on a shared machine; the load average is printed before and after.
#
#   bench/script/star-script-breakdown.sh [N]      (ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
ROUNDS=${ROUNDS:-3}
./nslab --version >/dev/null   # builds the CLI if needed, outside the measurement
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/kernel/star.py "$N" shell star > "$work/star.sh"
lines=$(wc -l < "$work/star.sh")
echo true > "$work/empty.sh"
echo "for ((i = 0; i < $lines; i++)); do ip netns list; done" > "$work/calls.sh"
echo "== $N-host star: $lines lines; load average $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A wall cpu faults
for ((r = 1; r <= ROUNDS; r++)); do
  for s in empty calls star; do
    /usr/bin/time -o "$work/time" -f '%e %U %S %R' ./nslab script "$work/$s.sh" > "$work/out" 2>&1
    [ ! -s "$work/out" ] || { echo "$s printed:"; head "$work/out"; exit 1; }
    read -r e u sy f < "$work/time"
    wall[$s]+="$(awk -v e="$e" 'BEGIN {printf "%.0f", e * 1000}') "
    cpu[$s]+="$(awk -v u="$u" -v s="$sy" 'BEGIN {printf "%.0f", (u + s) * 1000}') "
    faults[$s]+="$f "
  done
  echo "round $r: load average $(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' $1 | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
for s in empty calls star; do
  printf '%-6s wall %6s ms  CPU %6s ms  minor faults %6s   (wall: %s; CPU: %s)\n' "$s" "$(median "${wall[$s]}")" \
    "$(median "${cpu[$s]}")" "$(median "${faults[$s]}")" "${wall[$s]% }" "${cpu[$s]% }"
done
ew=$(median "${wall[empty]}") ec=$(median "${cpu[empty]}") cw=$(median "${wall[calls]}") cc=$(median "${cpu[calls]}")
sw=$(median "${wall[star]}") sc=$(median "${cpu[star]}")
awk -v l="$lines" -v ew="$ew" -v ec="$ec" -v cw="$cw" -v cc="$cc" -v sw="$sw" -v sc="$sc" 'BEGIN {
  printf "per call: round trip %.0f us wall, %.0f us CPU; simulation %.0f us wall, %.0f us CPU\n",
    (cw - ew) * 1000 / l, (cc - ec) * 1000 / l, (sw - cw) * 1000 / l, (sc - cc) * 1000 / l }'
echo "== load average now $(cut -d' ' -f1-3 /proc/loadavg)"
