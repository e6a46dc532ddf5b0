#!/usr/bin/env bash
# Crash-and-cleanup trials: `nslab up` of a 150-host star killed with SIGKILL at N random moments,
# each followed by `nslab cleanup`; fails on the first namespace or record left behind. CI runs 12
# trials as part of ./mvnw verify; this runs as many as asked (default 60). The trials use a private
# namespace directory and state directory, never /run/netns or /run/nslab. Needs root.
#
#   bench/kernel/kill-trials.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-60}
SEED=${2:-$(date +%s%N)}
./mvnw -q -B -pl cli -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='KernelCliTest#cleanupAfterKillNineLeavesNothing' -Dnslab.killTrials="$N" -Dnslab.killSeed="$SEED" 2>&1 |
  grep -E "kill -9 trials|Tests run|FAIL|ERROR" || true
