#!/usr/bin/env bash
# Benchmark: `nslab up` and `nslab down` of an N-host star lab (default 1000) by root (namespaces in /run/netns,
# here a throwaway network + mount namespace with private /run/netns and /run/nslab) against the same lab built
# rootless by nobody (a user namespace of nobody's own, records under a private XDG_RUNTIME_DIR on a tmpfs), interleaved,
# ROUNDS times each (default 3); prints the medians and the ratio. Nothing touches the host's namespaces. Needs
# root (to make the throwaway namespace and to become nobody).
#
#   bench/kernel/rootless-bench.sh [N]      (ROUNDS=3, SETTLE=seconds between runs, default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000} ROUNDS=${ROUNDS:-3} SETTLE=${SETTLE:-5}
./nslab --version >/dev/null   # builds the CLI (and trains its cache) outside the measurement
work=$(mktemp -d)
chmod 755 "$work"
xdg="$work/xdg"
mkdir -m 700 "$xdg"
chown nobody "$xdg"
nolimits="$work/no-neighbour-limits"   # nothing pings: the star's 2N possible ARP entries are never made
mkdir "$nolimits"
python3 bench/kernel/star.py "$N" yaml star > "$work/star.yaml"
chmod 644 "$work/star.yaml"
trap 'rm -rf "$work"' EXIT

ms() { echo "$1 $2" | awk '{printf "%.0f", ($2 - $1) * 1000}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
root_up=() root_down=() rl_up=() rl_down=()
for ((r = 1; r <= ROUNDS; r++)); do
  times=$(unshare --net --mount --propagation private -- bash -s -- "$work" "$nolimits" <<'INSIDE'
set -euo pipefail
work=$1 nolimits=$2
mkdir -p /run/netns /run/nslab
mount -t tmpfs nslab-bench /run/netns
mount -t tmpfs nslab-bench /run/nslab
t0=$EPOCHREALTIME; ./nslab up --proc-sys="$nolimits" "$work/star.yaml" >/dev/null; t1=$EPOCHREALTIME
./nslab down star >/dev/null; t2=$EPOCHREALTIME
[ -z "$(ip netns list)" ]
echo "$t0 $t1 $t2"
INSIDE
)
  read -r t0 t1 t2 <<<"$times"
  root_up+=("$(ms "$t0" "$t1")"); root_down+=("$(ms "$t1" "$t2")")
  sleep "$SETTLE"
  # nobody's runtime directory is a tmpfs, as systemd makes /run/user/UID (root's /run/nslab above is one too),
  # mounted in a mount namespace of the benchmark's own
  times=$(unshare --mount --propagation private -- bash -s -- "$work" "$nolimits" "$xdg" <<'ROOTLESS'
set -euo pipefail
work=$1 nolimits=$2 xdg=$3
mount -t tmpfs -o mode=700,uid=65534,gid=65534 nslab-bench "$xdg"
# a failed run's holder (the reaper the holder file names, started by this script) ends with the run
trap 'if [ -s "$xdg/nslab/holder" ]; then kill -9 "$(cut -d" " -f1 "$xdg/nslab/holder")" 2>/dev/null || true; fi' EXIT
as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups env XDG_RUNTIME_DIR="$xdg" ./nslab)
t0=$EPOCHREALTIME; "${as_nobody[@]}" up --proc-sys="$nolimits" "$work/star.yaml" >/dev/null; t1=$EPOCHREALTIME
"${as_nobody[@]}" down star >/dev/null; t2=$EPOCHREALTIME
[ ! -e "$xdg/nslab/holder" ]   # the last lab's down ended the holder
echo "$t0 $t1 $t2"
ROOTLESS
)
  read -r t0 t1 t2 <<<"$times"
  rl_up+=("$(ms "$t0" "$t1")"); rl_down+=("$(ms "$t1" "$t2")")
  echo "round $r: root up ${root_up[-1]} ms, down ${root_down[-1]} ms | rootless up ${rl_up[-1]} ms, down ${rl_down[-1]} ms"
  sleep "$SETTLE"
done
ru=$(median "${root_up[@]}") rd=$(median "${root_down[@]}") lu=$(median "${rl_up[@]}") ld=$(median "${rl_down[@]}")
echo "== summary ($N hosts, median of $ROUNDS, wall time of the whole command)"
echo "up:   root $ru ms | rootless $lu ms ($(echo "$lu $ru" | awk '{printf "%.2f", $1 / $2}')x root's)"
echo "down: root $rd ms | rootless $ld ms ($(echo "$ld $rd" | awk '{printf "%.2f", $1 / $2}')x root's)"
