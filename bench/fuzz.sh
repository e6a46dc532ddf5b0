#!/usr/bin/env bash
# bench/fuzz.sh [FACTOR]: the fuzz targets of ./mvnw verify with FACTOR times their tries (default 10,
# about 120,000 inputs): the lab loader, the script interpreter, and the command line (validate,
# up --sim, script, and up on the kernel in private directories, where the machine allows it).
# Prints the figures of each target and their sum:
#   inputs: N, crashes: 0, hangs: 0, kernel changes: 0
# Inputs that crashed or hung are kept in core/target/fuzz and cli/target/fuzz.
set -uo pipefail
cd "$(dirname "$0")/.."
factor=${1:-10}
rm -rf core/target/fuzz cli/target/fuzz; mkdir -p cli/target
start=$(date +%s.%N)
./mvnw -q -pl cli -am verify -Dnslab.fuzz.factor="$factor" \
  -Dtest='LoaderFuzzTest,ScriptFuzzTest,CliFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false >cli/target/fuzz-run.log 2>&1
status=$?
end=$(date +%s.%N)
cat core/target/fuzz/*.figures cli/target/fuzz/*.figures 2>/dev/null | awk -F', ' -v secs="$(echo "$end - $start" | bc)" '
  { for (i = 1; i <= NF; i++) { split($i, kv, ": "); sum[kv[1]] += kv[2] } print "  " $0 }
  END { printf "inputs: %d, crashes: %d, hangs: %d, kernel changes: %d\nruntime: %.0f s (build and JVM start included)\n",
        sum["inputs"], sum["crashes"], sum["hangs"], sum["kernel changes"], secs }'
if [ "$status" -ne 0 ]; then
  echo "some fuzz property failed; see cli/target/fuzz-run.log and the kept inputs under */target/fuzz" >&2
else
  true
fi
exit "$status"
