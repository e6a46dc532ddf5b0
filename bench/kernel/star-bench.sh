#!/usr/bin/env bash
# Benchmark: `nslab up` and `nslab down` of an N-host star lab (default 1000: each host a namespace
# with a veth to one router namespace, addresses on both ends, a default route, forwarding on the
# router), against the same lab built with `ip -batch` and with a plain `ip` shell loop, in one run.
# Prints times and ratios. nslab's up and down run ROUNDS times (default 5, a pause between rounds) and
# the median counts: on a shared 2-vCPU VM one run can be 30% off. Everything runs inside a throwaway
# network + mount namespace (private /run/netns and /run/nslab), so nothing touches the host. Needs root.
#
#   bench/kernel/star-bench.sh [N]      (SETTLE=seconds between variants, default 10; ROUNDS=5)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
./nslab --version >/dev/null   # builds the CLI if needed, outside the measurement
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/kernel/star.py "$N" yaml star > "$work/star.yaml"

unshare --net --mount --propagation private -- bash -s -- "$N" "$work" "${SETTLE:-10}" "${ROUNDS:-5}" <<'INSIDE'
set -euo pipefail
N=$1 work=$2 SETTLE=$3 ROUNDS=$4
mkdir -p /run/netns /run/nslab
mount -t tmpfs nslab-bench /run/netns
mount -t tmpfs nslab-bench /run/nslab
ip link set lo up
ms() { echo "$1 $2" | awk '{printf "%.0f", ($2 - $1) * 1000}'; }
ratio() { echo "$1 $2" | awk '{printf "%.1f", $1 / $2}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
p() { local b=$(($1 * 4)); echo "10.$((b >> 16 & 255)).$((b >> 8 & 255))." ; }
last() { echo $(($1 * 4 & 255)); }

# the same lab as ip -batch files (a batch file cannot switch namespace: one `ip -n NS -batch` each)
python3 bench/kernel/star.py "$N" batches star "$work"
# and as a shell loop of ip commands, one process each, as tutorials write it
{ echo "ip netns add star-r; ip -n star-r link set lo up"
  for ((k = 0; k < N; k++)); do
    a=$(p $k); l=$(last $k)
    echo "ip netns add star-h$k"
    echo "ip -n star-h$k link add eth0 type veth peer name h$k netns star-r"
    echo "ip -n star-h$k addr add $a$((l + 2))/30 dev eth0"
    echo "ip -n star-r addr add $a$((l + 1))/30 dev h$k"
    echo "ip -n star-h$k link set lo up; ip -n star-h$k link set eth0 up; ip -n star-r link set h$k up"
    echo "ip -n star-h$k route add default via $a$((l + 1))"
  done
  echo "ip netns exec star-r sysctl -qw net.ipv4.ip_forward=1"; } > "$work/loop.sh"
check() {  # the last host routes through the router
  [ "$(ip -n "star-h$((N - 1))" route show default | awk '{print $3}')" = "$(p $((N - 1)))$(( $(last $((N - 1))) + 1 ))" ]
}
deleteall() { ip -all netns delete; }

# The star's 2N possible ARP entries exceed this host's neighbour limits (gc_thresh3 = 1024), so a real `up` refuses
# it (or asks for neighbours: static / --tune-host). Nothing here pings, so no entry is ever made: the check is pointed
# at a directory without limits, and all three variants build exactly the same network.
nolimits="--proc-sys=$work/no-neighbour-limits"
echo "== $N-host star: nslab, $ROUNDS rounds"
ups=() downs=() insides=()
for ((r = 1; r <= ROUNDS; r++)); do
  t0=$EPOCHREALTIME; ./nslab up --timing "$nolimits" "$work/star.yaml" >"$work/up.out" 2>"$work/up.err" || { cat "$work/up.out" "$work/up.err"; exit 1; }; t1=$EPOCHREALTIME
  [ "$r" -gt 1 ] || cat "$work/up.out" "$work/up.err"
  check
  sleep 2
  t2=$EPOCHREALTIME; ./nslab down star >"$work/down.out"; t3=$EPOCHREALTIME
  [ -z "$(ip netns list)" ]
  ups+=("$(ms "$t0" "$t1")"); downs+=("$(ms "$t2" "$t3")")
  insides+=("$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/up.out")")
  echo "round $r: up ${ups[-1]} ms wall (${insides[-1]} ms as up reports it, once the lab is loaded), down ${downs[-1]} ms wall ($(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/down.out") ms as down reports it)"
  sleep "$SETTLE"
done
nslab_up=$(median "${ups[@]}"); nslab_down=$(median "${downs[@]}"); nslab_up_inside=$(median "${insides[@]}")
echo "nslab median of $ROUNDS: up $nslab_up ms wall ($nslab_up_inside ms as up reports it), down $nslab_down ms wall"

echo "== ip -batch"
t0=$EPOCHREALTIME
ip -batch "$work/global.batch"
ip -n star-r -batch "$work/r.batch"
for ((k = 0; k < N; k++)); do ip -n "star-h$k" -batch "$work/h$k.batch"; done
ip netns exec star-r sysctl -qw net.ipv4.ip_forward=1
t1=$EPOCHREALTIME; check
t2=$EPOCHREALTIME; deleteall; t3=$EPOCHREALTIME
batch_up=$(ms "$t0" "$t1"); batch_down=$(ms "$t2" "$t3")
echo "ip -batch up: $batch_up ms, ip -all netns delete: $batch_down ms"
sleep "$SETTLE"

echo "== shell loop of ip commands"
t0=$EPOCHREALTIME; bash "$work/loop.sh"; t1=$EPOCHREALTIME; check
deleteall
loop_up=$(ms "$t0" "$t1")
echo "shell loop up: $loop_up ms"

echo "== summary ($N hosts)"
echo "up:   nslab $nslab_up ms wall (median; runs ${ups[*]}) | ip -batch $batch_up ms ($(ratio "$batch_up" "$nslab_up")x slower) | shell loop $loop_up ms ($(ratio "$loop_up" "$nslab_up")x slower)"
echo "down: nslab $nslab_down ms wall (median; runs ${downs[*]}) | ip -all netns delete $batch_down ms"
INSIDE
