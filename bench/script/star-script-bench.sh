#!/usr/bin/env bash
# Benchmark: the N-host star (default 1000) as a tutorial writes it, one ip command per line (bench/kernel/star.py N
# shell: 8,003 lines), run by `nslab script` on the simulator and imported by `nslab import`, against the same network
# built on the kernel with `ip -batch` (one batch for the namespaces and veth pairs, then one `ip -n NS -batch` per
# namespace), in one run. nslab's commands run ROUNDS times (default 5) and the median counts; ip -batch runs once
# per round between them, then SETTLE seconds of rest (default 5). Printed: the ratio of the medians, and the median of
# each round's own ratio (its ip -batch over its nslab runs). The kernel's side runs in a throwaway network +
# mount namespace (private /run/netns): needs root.
#
#   bench/script/star-script-bench.sh [N]      (ROUNDS=5)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
ROUNDS=${ROUNDS:-5}
# seconds of rest after each ip -batch run: its 1,001 namespaces are freed by the kernel's workers after it returns,
# which took the CPU from the next round's nslab script (1.4-1.8 s measured right after, 1.1-1.2 s at rest)
SETTLE=${SETTLE:-5}
./nslab --version >/dev/null   # builds the CLI if needed, outside the measurement
# without the loadable builtin (no gcc or bash's headers at build time) every call is a bash function and a TCP round
# trip: the figures would measure that fallback, some 3x slower, not nslab script as built to run
if ! python3 -c 'import sys, zipfile; sys.exit(not any(n.endswith("/nslab-tools.so") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' \
    cli/target/nslab.jar; then
  echo "star-script-bench: cli/target/nslab.jar has no nslab-tools.so (install gcc and bash's headers, package bash-builtins, and rebuild): not measured" >&2
  exit 3
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/kernel/star.py "$N" shell star > "$work/star.sh"
python3 bench/kernel/star.py "$N" batches star "$work"   # the same network for ip -batch, as bench/kernel/star-bench.sh builds it
echo "== $N-host star: $(wc -l < "$work/star.sh") lines; load average $(cut -d' ' -f1-3 /proc/loadavg)"

ms() { echo "$1 $2" | awk '{printf "%.0f", ($2 - $1) * 1000}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

batch() {  # the same network with ip -batch, in a world of its own; prints its milliseconds
  unshare --net --mount --propagation private -- bash -s -- "$N" "$work" <<'INSIDE'
set -euo pipefail
N=$1 work=$2
mkdir -p /run/netns
mount -t tmpfs nslab-bench /run/netns
ip link set lo up
t0=$EPOCHREALTIME
ip -batch "$work/global.batch"
ip -n star-r -batch "$work/r.batch"
for ((k = 0; k < N; k++)); do ip -n "star-h$k" -batch "$work/h$k.batch"; done
ip netns exec star-r sysctl -qw net.ipv4.ip_forward=1
t1=$EPOCHREALTIME
p() { local b=$(($1 * 4)); echo "10.$((b >> 16 & 255)).$((b >> 8 & 255))."; }
last() { echo $(($1 * 4 & 255)); }
[ "$(ip -n "star-h$((N - 1))" route show default | awk '{print $3}')" = "$(p $((N - 1)))$(( $(last $((N - 1))) + 1 ))" ]
ip -all netns delete
echo "$t0 $t1" | awk '{printf "%.0f\n", ($2 - $1) * 1000}'
INSIDE
}

ratio() { echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'; }
fmedian() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

scripts=() imports=() batches=() script_ratios=() import_ratios=()
for ((r = 1; r <= ROUNDS; r++)); do
  t0=$EPOCHREALTIME; ./nslab script "$work/star.sh" > "$work/script.out" 2>&1; t1=$EPOCHREALTIME
  [ ! -s "$work/script.out" ] || { echo "nslab script printed:"; head "$work/script.out"; exit 1; }
  t2=$EPOCHREALTIME; ./nslab import "$work/star.sh" -w "$work/star.yaml" 2> "$work/import.err"; t3=$EPOCHREALTIME
  grep -q "^  star-h$((N - 1)):" "$work/star.yaml"
  scripts+=("$(ms "$t0" "$t1")"); imports+=("$(ms "$t2" "$t3")")
  batches+=("$(batch)")
  script_ratios+=("$(ratio "${batches[-1]}" "${scripts[-1]}")"); import_ratios+=("$(ratio "${batches[-1]}" "${imports[-1]}")")
  sleep "$SETTLE"
  echo "round $r: nslab script ${scripts[-1]} ms, nslab import ${imports[-1]} ms, ip -batch ${batches[-1]} ms" \
    "(${script_ratios[-1]}x, ${import_ratios[-1]}x)"
done
s=$(median "${scripts[@]}"); i=$(median "${imports[@]}"); b=$(median "${batches[@]}")
echo "== summary ($N hosts, medians of $ROUNDS; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "nslab script $s ms, nslab import $i ms, ip -batch on the kernel $b ms"
echo "ip -batch / nslab script = $(echo "$b $s" | awk '{printf "%.1f", $1 / $2}')x, ip -batch / nslab import = $(echo "$b $i" | awk '{printf "%.1f", $1 / $2}')x"
# each round's own ratio, its ip -batch over its nslab runs, minutes apart at most: what the machine's drift from one
# round to the next (ip -batch here took 4.5 to 7.5 s) does not move; the median of those, as farm-bench --vs pairs runs
echo "median of the rounds' own ratios: script $(fmedian "${script_ratios[@]}")x, import $(fmedian "${import_ratios[@]}")x"
