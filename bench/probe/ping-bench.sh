#!/usr/bin/env bash
# Benchmark: native pings (KernelNetwork.ping, no process) against `ip netns exec NS ping -c1` processes, on an
# N-host star built with `nslab up` (default 1000 hosts; bench/kernel/star.py): every host pings the router once,
# then all pairs among the first M hosts (default 100: 9,900 pings). Prints times and ratios. Everything runs
# inside a throwaway network + mount namespace (private /run/netns and /run/nslab), so nothing touches the host.
# Needs root.
#
#   bench/probe/ping-bench.sh [N] [M]      (P=parallel ping processes for the process variants, default 8;
#                                           NATIVE_ONLY=1 skips the process variants, which take minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
M=${2:-100}
. ./.mvn/find-jdk.sh
./mvnw -q -B -pl core -am -DskipTests package
./nslab --version >/dev/null   # builds the CLI if needed, outside the measurement
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -d "$work" -cp core/target/classes:netlink/target/classes bench/probe/PingBench.java
# static neighbours (a lab option): 2N dynamic ARP entries would overflow the host-wide gc_thresh3, and nslab up
# refuses such a lab; permanent entries do not count against it
python3 bench/kernel/star.py "$N" yaml star | sed '1a defaults:\n  neighbours: static' > "$work/star.yaml"

unshare --net --mount --propagation private -- bash -s -- "$N" "$M" "$work" "$JAVA_HOME/bin/java" \
    "core/target/classes:netlink/target/classes:$work" "${P:-8}" "${NATIVE_ONLY:-0}" <<'INSIDE'
set -euo pipefail
N=$1 M=$2 work=$3 JAVA=$4 CP=$5 P=$6 NATIVE_ONLY=$7
mkdir -p /run/netns /run/nslab
mount -t tmpfs nslab-bench /run/netns
mount -t tmpfs nslab-bench /run/nslab
ip link set lo up
ms() { echo "$1 $2" | awk '{printf "%.0f", ($2 - $1) * 1000}'; }
ratio() { echo "$1 $2" | awk '{printf "%.1f", $1 / $2}'; }
addr() { local b=$(($1 * 4)); echo "10.$((b >> 16 & 255)).$((b >> 8 & 255)).$(((b & 255) + $2))"; }

./nslab up "$work/star.yaml" >/dev/null
echo "== $N-host star up; native pings (JVM per variant, first round includes warm-up)"
native() {
  local t0 t1 out
  t0=$EPOCHREALTIME
  out=$("$JAVA" -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp "$CP" PingBench star "$@")
  t1=$EPOCHREALTIME
  echo "$out" >&2
  echo "$(echo "$out" | awk '/round 1\)/ {first=$6} {last=$6} END {print first, last}') $(ms "$t0" "$t1")"
}
read -r single_first single_warm single_wall < <(native single "$N" 3)
read -r pairs_first pairs_warm pairs_wall < <(native pairs "$M" 3)
echo "native: $N single pings ${single_first} ms (first round), ${single_warm} ms (third), ${single_wall} ms wall with JVM"
echo "native: $((M * (M - 1))) all-pairs pings ${pairs_first} ms (first round), ${pairs_warm} ms (third), ${pairs_wall} ms wall with JVM"

[ "$NATIVE_ONLY" = 1 ] && { ./nslab down star >/dev/null; exit 0; }
for ((k = 0; k < N; k++)); do echo "star-h$k $(addr "$k" 1)"; done > "$work/single.txt"
for ((i = 0; i < M; i++)); do for ((j = 0; j < M; j++)); do
  [ "$i" -ne "$j" ] && echo "star-h$i $(addr "$j" 2)"; done; done > "$work/pairs.txt"
one() { ip netns exec "$1" ping -c1 -W1 -q "$2" >/dev/null || echo "FAIL $1 -> $2"; }
export -f one

echo "== ip netns exec ... ping -c1, one process each"
t0=$EPOCHREALTIME
while read -r ns a; do one "$ns" "$a"; done < "$work/single.txt" > "$work/single.fail"
t1=$EPOCHREALTIME
proc_single_seq=$(ms "$t0" "$t1")
t0=$EPOCHREALTIME
xargs -P "$P" -L 1 bash -c 'one "$0" "$1"' < "$work/single.txt" > "$work/single-p.fail"
t1=$EPOCHREALTIME
proc_single_par=$(ms "$t0" "$t1")
t0=$EPOCHREALTIME
xargs -P "$P" -L 1 bash -c 'one "$0" "$1"' < "$work/pairs.txt" > "$work/pairs-p.fail"
t1=$EPOCHREALTIME
proc_pairs_par=$(ms "$t0" "$t1")
cat "$work"/*.fail | head -5
[ ! -s "$work/single.fail" ] && [ ! -s "$work/single-p.fail" ] && [ ! -s "$work/pairs-p.fail" ]
echo "processes: $N single pings ${proc_single_seq} ms in a loop, ${proc_single_par} ms with $P in parallel"
echo "processes: $((M * (M - 1))) all-pairs pings ${proc_pairs_par} ms with $P in parallel"
./nslab down star >/dev/null

echo "== summary"
echo "$N single pings:    native ${single_first} ms (wall with JVM ${single_wall} ms) | loop ${proc_single_seq} ms ($(ratio "$proc_single_seq" "$single_first")x, $(ratio "$proc_single_seq" "$single_wall")x vs wall) | $P parallel ${proc_single_par} ms ($(ratio "$proc_single_par" "$single_first")x)"
echo "$((M * (M - 1))) all-pairs:    native ${pairs_first} ms (wall with JVM ${pairs_wall} ms) | $P parallel ${proc_pairs_par} ms ($(ratio "$proc_pairs_par" "$pairs_first")x, $(ratio "$proc_pairs_par" "$pairs_wall")x vs wall)"
INSIDE
