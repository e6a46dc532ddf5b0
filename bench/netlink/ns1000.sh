#!/usr/bin/env bash
# Benchmark: create and delete N (default 1000) network namespaces, each with a veth pair to a hub
# namespace, addresses on both ends, both ends up, and a default route -- with the nslab netlink library,
# with `ip -batch`, and with a plain `ip` shell loop. Prints times and ratios.
#
# Everything runs inside a throwaway network + mount namespace with its own tmpfs /run/netns, so the host's
# namespaces and /run/netns are never touched. Needs root.
#
#   bench/netlink/ns1000.sh [N]        (SETTLE=seconds to wait between variants, default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}

. ./.mvn/find-jdk.sh
./mvnw -q -pl netlink -DskipTests package
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
"$JAVA_HOME/bin/javac" -d "$classes" -cp netlink/target/classes bench/netlink/Ns1000.java

unshare --net --mount --propagation private -- bash -s -- "$N" "$JAVA_HOME/bin/java" \
    "netlink/target/classes:$classes" "${SETTLE:-15}" <<'INSIDE'
set -euo pipefail
N=$1 JAVA=$2 CP=$3 SETTLE=$4
mkdir -p /run/netns
mount -t tmpfs nslab-bench /run/netns
ip link set lo up
work=$(mktemp -d)
p() { echo "10.$(($1 / 250)).$(($1 % 250))."; }
secs() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }
settle() {
  # namespaces die asynchronously in the kernel; let that finish before the next variant starts
  sleep "$SETTLE"
}

# --- ip -batch: one process for namespaces and links, one for the hub, one per namespace for its side
{ echo "netns add hub"
  for ((k = 0; k < N; k++)); do
    echo "netns add ns$k"
    echo "link add h$k netns hub type veth peer name eth0 netns ns$k"
  done; } > "$work/global.batch"
for ((k = 0; k < N; k++)); do
  echo "addr add $(p $k)1/24 dev h$k"; echo "link set h$k up"
done > "$work/hub.batch"
for ((k = 0; k < N; k++)); do
  printf 'addr add %s2/24 dev eth0\nlink set eth0 up\nroute add default via %s1\n' "$(p $k)" "$(p $k)" \
    > "$work/ns$k.batch"
done
{ for ((k = 0; k < N; k++)); do echo "netns del ns$k"; done; echo "netns del hub"; } > "$work/del.batch"

# The work is system calls; C2 compilation would only compete with the kernel for the 2 cores, and a second
# thread only contends on the kernel's rtnl lock (measured: both slower), so the headline run uses C1 and one
# thread. The default JVM configuration is measured too and printed for reference.
run_library() {
  local t0 t1 out
  t0=$EPOCHREALTIME
  out=$("$JAVA" "$@" --enable-native-access=ALL-UNNAMED -cp "$CP" Ns1000 "$N")
  t1=$EPOCHREALTIME
  echo "$out, wall with JVM $(secs "$t0" "$t1") s  [java $* ]"
  [ -z "$(ip netns list)" ] || { echo "library left namespaces behind" >&2; exit 1; }
}
echo "== $N namespaces: nslab netlink library"
default_line=$(run_library -Dthreads=2)
echo "$default_line"
settle
lib_line=$(run_library -XX:TieredStopAtLevel=1)
echo "$lib_line"
lib_create=$(echo "$lib_line" | awk '{print $3}'); lib_delete=$(echo "$lib_line" | awk '{print $6}')
lib_wall=$(echo "$lib_line" | sed 's/.*wall with JVM \([0-9.]*\) s.*/\1/')
settle

echo "== ip -batch"
t0=$EPOCHREALTIME
ip -batch "$work/global.batch"
ip -n hub -batch "$work/hub.batch"
for ((k = 0; k < N; k++)); do ip -n "ns$k" -batch "$work/ns$k.batch"; done
t1=$EPOCHREALTIME
[ "$(ip -n "ns$((N - 1))" route get 192.0.2.1 | awk '{print $3; exit}')" = "$(p $((N - 1)))1" ]
t2=$EPOCHREALTIME
ip -batch "$work/del.batch"
t3=$EPOCHREALTIME
batch_create=$(secs "$t0" "$t1"); batch_delete=$(secs "$t2" "$t3")
echo "ip -batch create $batch_create s, delete $batch_delete s"
settle

echo "== ip shell loop"
t0=$EPOCHREALTIME
ip netns add hub
for ((k = 0; k < N; k++)); do
  a=$(p $k)
  ip netns add "ns$k"
  ip link add "h$k" netns hub type veth peer name eth0 netns "ns$k"
  ip -n hub addr add "${a}1/24" dev "h$k"
  ip -n hub link set "h$k" up
  ip -n "ns$k" addr add "${a}2/24" dev eth0
  ip -n "ns$k" link set eth0 up
  ip -n "ns$k" route add default via "${a}1"
done
t1=$EPOCHREALTIME
t2=$EPOCHREALTIME
for ((k = 0; k < N; k++)); do ip netns del "ns$k"; done
ip netns del hub
t3=$EPOCHREALTIME
loop_create=$(secs "$t0" "$t1"); loop_delete=$(secs "$t2" "$t3")
echo "ip loop create $loop_create s, delete $loop_delete s"
rm -rf "$work"

ratio() { echo "$1 $2" | awk '{printf "%.1fx", $1 / $2}'; }
batch_total=$(echo "$batch_create $batch_delete" | awk '{printf "%.3f", $1 + $2}')
loop_total=$(echo "$loop_create $loop_delete" | awk '{printf "%.3f", $1 + $2}')
echo
echo "== $N namespaces + veth to hub + addresses + route: seconds (ratio = other / library)"
printf '%-34s %9s %9s %9s\n' "" create delete total
printf '%-34s %9s %9s %9s\n' "nslab netlink (in-process)" "$lib_create" "$lib_delete" "-"
printf '%-34s %9s %9s %9s\n' "nslab netlink (wall, with JVM)" "-" "-" "$lib_wall"
printf '%-34s %9s %9s %9s\n' "ip -batch" "$batch_create" "$batch_delete" "$batch_total"
printf '%-34s %9s %9s %9s\n' "ip shell loop" "$loop_create" "$loop_delete" "$loop_total"
echo "ip -batch / library:    create $(ratio "$batch_create" "$lib_create"), total vs wall $(ratio "$batch_total" "$lib_wall")"
echo "ip loop / library:      create $(ratio "$loop_create" "$lib_create"), total vs wall $(ratio "$loop_total" "$lib_wall")"
INSIDE
