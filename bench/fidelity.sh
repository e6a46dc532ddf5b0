#!/usr/bin/env bash
# Differential fidelity run: N generated labs (seeds SEED .. SEED+N-1), each built in both worlds — the kernel, in
# namespaces of a private directory under /run that is removed afterwards, and the simulator — and compared:
# refused ops, snapshots, all-pairs pings, traceroutes. Prints every disagreement (the lab as a lab file and as a
# script, both sides, the first difference) and then
#   agreement: K/N labs, M/P probes
# Needs root (network namespaces). Never touches the host's own namespace. docs/fidelity.md explains the method.
#
#   bench/fidelity.sh N [SEED] [PARALLEL]      (defaults: 100 labs, seed from the clock, 4 labs at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
SEED=${2:-$(( $(date +%s) % 1000000 ))}
PARALLEL=${3:-4}
. ./.mvn/find-jdk.sh
./mvnw -q -B -pl fidelity -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime
cp="fidelity/target/classes:$(cat fidelity/target/classpath.txt)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.nslab.fidelity.FidelityRun "$N" "$SEED" "$PARALLEL"
