package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.netlink.CpuAffinity;
import io.nslab.netlink.NamespaceIds;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a node's mount namespace must be made for nslab to be allowed to bind it. The kernel binds a mount
 * namespace's file only into a mount namespace with a smaller id (an older one), so that two namespaces can never
 * hold each other ({@code mnt_ns_loop}). On the host nslab's own mount namespace is among the first, so any new one
 * is newer; inside a sandbox it is not, and Linux 6.18 gives namespace ids out in per-CPU batches
 * ({@code gen_cookie_next}): a namespace made on another CPU than the sandbox's mount namespace can get a smaller
 * id, and the bind then fails with EINVAL at random. Ids handed out on one CPU only grow, so the node's namespaces
 * are made on a CPU whose next id is already larger than nslab's mount namespace's: found by making a UTS
 * namespace on each allowed CPU and reading its id, remembered for the rest of the process (it stays true).
 */
final class MountNamespaceCpu {
    /** A CPU's batch of ids is 4096 long: making that many on one CPU always reaches a batch newer than any before. */
    private static final int MAX_PROBES = 4100;
    /** The answer, once known: -1 for "any CPU" (every CPU's ids already passed ours); else the CPU to use. */
    private static Integer chosen;
    /** The CPUs allowed when {@link #chosen} was found: a new set is asked again. */
    private static List<Integer> chosenAmong = List.of();

    private MountNamespaceCpu() {
    }

    /** The CPU to make a node's mount namespace on, or empty when any will do (or the kernel tells no ids). */
    static synchronized OptionalInt choose() {
        List<Integer> cpus = CpuAffinity.allowed();
        if (chosen != null && cpus.equals(chosenAmong)) {
            return chosen < 0 ? OptionalInt.empty() : OptionalInt.of(chosen);
        }
        OptionalLong own = NamespaceIds.of(Path.of("/proc/self/ns/mnt"));
        if (own.isEmpty()) {
            return OptionalInt.empty(); // before 6.9 nothing tells, and ids grew with each namespace made
        }
        chosenAmong = cpus;
        int first = -1;
        boolean all = true;
        for (int cpu : cpus) {
            OptionalLong next = NamespaceIds.probe(cpu);
            if (next.isEmpty()) {
                return OptionalInt.empty(); // before 6.18 only mount namespaces have ids, from one growing counter
            }
            if (next.getAsLong() > own.getAsLong()) {
                first = first < 0 ? cpu : first;
            } else {
                all = false;
            }
        }
        if (all) {
            chosen = -1;
            return OptionalInt.empty();
        }
        if (first < 0) {
            // no CPU has passed it yet (the sandbox's CPU is not ours to use): use up one CPU's batch until it does
            first = cpus.getFirst();
            OptionalLong reached = NamespaceIds.probeUntil(first, own.getAsLong(), MAX_PROBES);
            if (reached.isEmpty() || reached.getAsLong() <= own.getAsLong()) {
                throw new NslabException(ExitCode.ENVIRONMENT, "no CPU of this process hands out namespace ids above its mount "
                        + "namespace's (" + own.getAsLong() + "), so the kernel would refuse to bind a node's mount namespace");
            }
        }
        chosen = first;
        return OptionalInt.of(first);
    }
}
