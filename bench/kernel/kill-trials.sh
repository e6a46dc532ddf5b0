#!/usr/bin/env bash
# Crash-and-cleanup trials, in a private namespace directory and state directory (never /run/netns or
# /run/nslab). Needs root.
#   1. `nslab up` of a 150-host star killed with SIGKILL at N random moments, each followed by
#      `nslab cleanup`; fails on the first namespace or record left behind (CI runs 12 of these).
#   2. An incremental `up` (15 nodes removed, 10 renamed, 15 added, 10 links changed) killed at N random
#      moments next to other programs' namespaces; after each kill the lab's namespaces must be exactly those
#      its ledger owns, by inode, and the others untouched; then `cleanup` or the next `up` of the edited file,
#      chosen at random, must finish the job (CI runs 16 of these).
#
#   bench/kernel/kill-trials.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-60}
SEED=${2:-$(date +%s%N)}
./mvnw -q -B -pl cli -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='KernelCliTest#cleanupAfterKillNineLeavesNothing,EditKillTrialsTest' \
  -Dnslab.killTrials="$N" -Dnslab.killSeed="$SEED" -Dnslab.editKillTrials="$N" -Dnslab.editKillSeed="$SEED" 2>&1 |
  grep -E "kill -9 trials|Tests run|FAIL|ERROR" || true
