#!/usr/bin/env bash
# nslab against Mininet 2.3 for what `mn --topo single,N --switch lxbr --controller none --test none`
# does: N hosts on one Linux bridge, built and torn down. nslab builds the same lab
# (bench/kernel/star.py N lan) with `up`, then `down`. Both run inside `nslab sandbox`, so nothing
# touches the host. Needs root, and Mininet with bridge-utils (apt-get install mininet bridge-utils).
#
#   bench/kernel/mininet-bench.sh [N ...]      (default: 50 100 250)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v mn >/dev/null || { echo "Mininet is not installed: apt-get install mininet bridge-utils" >&2; exit 3; }
sizes=("${@:-50 100 250}")
[ $# -gt 0 ] || sizes=(50 100 250)
./nslab --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  python3 bench/kernel/star.py "$n" lan lan > "$work/lan$n.yaml"
  cat > "$work/run$n.sh" <<INNER
set -e
cd "$PWD"
t0=\$EPOCHREALTIME; ./nslab up "$work/lan$n.yaml" >/dev/null; ./nslab down lan >/dev/null; t1=\$EPOCHREALTIME
echo "nslab \$(echo "\$t0 \$t1" | awk '{printf "%.2f", \$2 - \$1}')"
cd /tmp
t0=\$EPOCHREALTIME; mn --topo single,$n --switch lxbr --controller none --test none >/dev/null 2>&1; t1=\$EPOCHREALTIME
mn -c >/dev/null 2>&1 || true
echo "mininet \$(echo "\$t0 \$t1" | awk '{printf "%.2f", \$2 - \$1}')"
INNER
  out=$(./nslab sandbox -- bash "$work/run$n.sh")
  a=$(echo "$out" | awk '/^nslab/ {print $2}'); b=$(echo "$out" | awk '/^mininet/ {print $2}')
  echo "$n hosts: nslab up+down $a s, mininet build+teardown $b s, ratio $(echo "$b $a" | awk '{printf "%.1f", $1 / $2}')x"
done
