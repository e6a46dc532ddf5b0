#!/usr/bin/env bash
# nslab against Mininet 2.3 for what `mn --topo single,N --switch lxbr --controller none --test none`
# does: N hosts on one Linux bridge, built and torn down. nslab builds the same lab
# (bench/kernel/star.py N lan) with `up`, then `down`, inside `nslab sandbox`. Needs root, and Mininet with
# bridge-utils (apt-get install mininet bridge-utils); without Mininet it says so and runs nothing.
#
#   bench/kernel/mininet-bench.sh [N ...]      (default: 50 100 250)
#   NSLAB="java ... io.nslab.cli.Main" bench/kernel/mininet-bench.sh ...   (another nslab than ./nslab)
#
# Mininet never runs on the host. Its cleanup (`mn -c`, which `mn` itself also runs after some failures) kills
# processes by name (killall controller ofprotocol ofdatapath ping ..., pkill -f "sudo mnexec", "mininet:"),
# deletes /tmp/*.log, /tmp/*.out and ~/.ssh/mn/*, and deletes every Open vSwitch bridge its ovs-vsctl reaches.
# So `mn` and `mn -c` run only in a world of their own (see contain below): new network, mount and PID
# namespaces, a /proc that shows that PID namespace alone, its own /sys, and empty tmpfs mounts on /tmp,
# /run/netns, /run/openvswitch and /run/screen, with HOME in that /tmp. Whatever Mininet starts dies with it, and the inner
# script refuses to start Mininet if it finds itself anywhere else.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v mn >/dev/null; then
  echo "Mininet is not installed (apt-get install mininet bridge-utils): nothing was run" >&2
  exit 3
fi
for tool in unshare python3 awk; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed: nothing was run" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "needs root (namespaces): nothing was run" >&2; exit 3; }
read -r -a nslab <<< "${NSLAB:-./nslab}"
sizes=("$@")
[ $# -gt 0 ] || sizes=(50 100 250)
"${nslab[@]}" --version >/dev/null
work=$(mktemp -d)
chmod 755 "$work"   # nslab sandbox shows a named script with the files beside it only when others may enter its directory
trap 'rm -rf "$work"' EXIT

# Mininet's run, as PID 1's only child in its own namespaces. $1: hosts; $2, $3: the host's network and PID
# namespaces, which this world must not be in.
cat > "$work/mininet.sh" <<'INNER'
set -eu
n=$1
if [ "$$" != 1 ] || [ "$(readlink /proc/self/ns/pid)" = "$3" ] || [ "$(readlink /proc/self/ns/net)" = "$2" ]; then
  echo "mininet-bench: not in network and PID namespaces of its own: Mininet not started" >&2
  exit 3
fi
mount --make-rprivate /
mount -t tmpfs mininet-bench /tmp
umount -l /sys 2>/dev/null || true
mount -t sysfs mininet-bench /sys    # /sys/class/net of this network namespace, as brctl needs
for d in /run/netns /run/openvswitch /run/screen; do
  if [ -d "$d" ]; then mount -t tmpfs mininet-bench "$d"; fi
done
ip link set lo up
export HOME=/tmp/home
mkdir -p "$HOME"
cd /tmp
t0=$EPOCHREALTIME
if ! mn --topo "single,$n" --switch lxbr --controller none --test none >/dev/null 2>&1; then
  mn -c >/dev/null 2>&1 || true
  echo "mininet-bench: mn --topo single,$n failed (rerun it by hand in such a world to see why)" >&2
  exit 1
fi
t1=$EPOCHREALTIME
mn -c >/dev/null 2>&1 || true
echo "mininet $(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}')"
INNER
contain() {
  unshare --net --mount --propagation private --pid --fork --mount-proc -- bash "$@"
}

host_net=$(readlink /proc/self/ns/net)
host_pid=$(readlink /proc/self/ns/pid)
for n in "${sizes[@]}"; do
  python3 bench/kernel/star.py "$n" lan lan > "$work/lan$n.yaml"
  cat > "$work/nslab$n.sh" <<INNER
set -e
cd "$PWD"
t0=\$EPOCHREALTIME; ${nslab[*]} up "$work/lan$n.yaml" >/dev/null; ${nslab[*]} down lan >/dev/null; t1=\$EPOCHREALTIME
echo "nslab \$(echo "\$t0 \$t1" | awk '{printf "%.2f", \$2 - \$1}')"
INNER
  a=$("${nslab[@]}" sandbox -- bash "$work/nslab$n.sh" | awk '/^nslab/ {print $2}')
  b=$(contain "$work/mininet.sh" "$n" "$host_net" "$host_pid" | awk '/^mininet/ {print $2}')
  echo "$n hosts: nslab up+down $a s, mininet build+teardown $b s, ratio $(echo "$b $a" | awk '{printf "%.1f", $1 / $2}')x"
done
