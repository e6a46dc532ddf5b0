#!/usr/bin/env bash
# Two builds of nslab against each other on the same lab, interleaved (A B A B ...), each `up` and `down` in a
# throwaway network + mount namespace of its own: on a shared machine the load drifts, and only runs side by
# side compare. Prints each run's wall time and the time the command reports, then the medians. Needs root.
#
#   bench/kernel/ab-up-down.sh OTHER_CHECKOUT [ROUNDS] [HOSTS]     (this checkout is B)
set -euo pipefail
cd "$(dirname "$0")/../.."
a=$(cd "$1" && pwd); b=$(pwd); rounds=${2:-6}; hosts=${3:-1000}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 bench/kernel/star.py "$hosts" yaml star > "$work/star.yaml"
"$a/nslab" --version >/dev/null; "$b/nslab" --version >/dev/null
for ((r = 1; r <= rounds; r++)); do
  for side in A B; do
    dir=$([ "$side" = A ] && echo "$a" || echo "$b")
    # the star's possible ARP entries exceed common neighbour limits; nothing pings: no limits (--proc-sys)
    unshare --net --mount --propagation private -- bash -c '
      mkdir -p /run/netns /run/nslab; mount -t tmpfs ab /run/netns; mount -t tmpfs ab /run/nslab; ip link set lo up
      ms() { awk -v a="$1" -v b="$2" "BEGIN {printf \"%.0f\", (b - a) * 1000}"; }
      t0=$EPOCHREALTIME; "$1/nslab" up --proc-sys="$2/none" "$2/star.yaml" > "$2/up.out" 2>&1; t1=$EPOCHREALTIME
      sleep 1
      t2=$EPOCHREALTIME; "$1/nslab" down star > "$2/down.out" 2>&1; t3=$EPOCHREALTIME
      echo "$3 up $(ms $t0 $t1) $(sed -n "s/.* in \([0-9]*\) ms$/\1/p" "$2/up.out") down $(ms $t2 $t3) $(sed -n "s/.* in \([0-9]*\) ms$/\1/p" "$2/down.out")"
    ' ab "$dir" "$work" "$side" | tee -a "$work/runs"
    sleep 3
  done
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
for side in A B; do
  echo "$side medians: up $(awk -v s=$side '$1 == s {print $3}' "$work/runs" | median) ms wall, $(awk -v s=$side '$1 == s {print $4}' "$work/runs" | median) ms reported;" \
    "down $(awk -v s=$side '$1 == s {print $6}' "$work/runs" | median) ms wall, $(awk -v s=$side '$1 == s {print $7}' "$work/runs" | median) ms reported"
done
