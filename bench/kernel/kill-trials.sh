#!/usr/bin/env bash
# Crash-and-cleanup trials, in a private namespace directory and state directory (never /run/netns or
# /run/nslab). Needs root.
#   1. `nslab up` of a 150-host star killed with SIGKILL at N random moments, each followed by
#      `nslab cleanup`; fails on the first namespace or record left behind (CI runs 12 of these).
#   2. An incremental `up` (15 nodes removed, 10 renamed, 15 added, 10 links changed) killed at N random
#      moments next to other programs' namespaces; after each kill the lab's namespaces must be exactly those
#      its ledger owns, by inode, and the others untouched; then `cleanup` or the next `up` of the edited file,
#      chosen at random, must finish the job (CI runs 16 of these).
#   3. `nslab up` of a lab with six container nodes (PID, user, mount, cgroup and time namespaces, limits) and
#      twenty hosts killed at C random moments, each followed by `nslab cleanup`: no process carrying the state
#      directory's marker, no cgroup below nslab/INSTANCE, no mount below the state directory, no namespace and
#      no record may be left (CI runs 20 of these).
#
#   bench/kernel/kill-trials.sh [N] [SEED] [C]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-60}
SEED=${2:-$(date +%s%N)}
C=${3:-100}
./mvnw -q -B -pl cli -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='KernelCliTest#cleanupAfterKillNineLeavesNothing,EditKillTrialsTest,ContainerKillTrialsTest' \
  -Dnslab.killTrials="$N" -Dnslab.killSeed="$SEED" -Dnslab.editKillTrials="$N" -Dnslab.editKillSeed="$SEED" \
  -Dnslab.containerKillTrials="$C" -Dnslab.containerKillSeed="$SEED" 2>&1 |
  grep -E "kill -9 trials|Tests run|FAIL|ERROR" || true
# what any nslab left on this machine afterwards (other users' labs included): all three should be 0
echo "after the trials: $(ls -d /sys/fs/cgroup/*/nslab* 2>/dev/null | wc -l) nslab cgroup directories," \
  "$(grep -l -a 'nslab-nod[e]:' /proc/[0-9]*/cmdline 2>/dev/null | wc -l) marked processes," \
  "$(ip netns list | wc -l) namespaces in /run/netns"
