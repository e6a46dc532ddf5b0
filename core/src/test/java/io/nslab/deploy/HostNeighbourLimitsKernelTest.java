package io.nslab.deploy;

import io.nslab.kernel.KernelTestSupport;
import io.nslab.netlink.NetNs;
import io.nslab.op.NeighbourBudget;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /proc/sys/net} shows the network namespace of the thread that reads it: a thread inside a fresh namespace
 * does not see the neighbour limits, and {@link HostNeighbourLimits} called there reads them through a thread that
 * enters the given initial namespace. Only reads; the host's sysctls are never written.
 */
class HostNeighbourLimitsKernelTest {
    private static final Path THRESH3 = Path.of("/proc/sys/net/ipv4/neigh/default/gc_thresh3");

    @Test
    void aThreadInAnotherNamespaceReadsTheLimitsThroughTheInitialOne() throws Exception {
        try (KernelTestSupport support = KernelTestSupport.create()) {
            Assumptions.assumeTrue(Files.exists(THRESH3), "this JVM runs outside the initial network namespace");
            Map<String, HostNeighbourLimits.Reading> direct = HostNeighbourLimits.standard().readAll();
            assertThat(direct.get("ipv4").source()).isEqualTo(HostNeighbourLimits.Source.HERE);
            // the process's own namespace (that of its main thread) plays the initial one
            HostNeighbourLimits limits = new HostNeighbourLimits(HostNeighbourLimits.PROC_SYS, Optional.of(Path.of("/proc/self/ns/net")));
            HostNeighbourLimits nowhere = new HostNeighbourLimits(HostNeighbourLimits.PROC_SYS,
                    Optional.of(support.directory().resolve("elsewhere")));
            support.registry().create("elsewhere").close();
            try (NetNs elsewhere = support.registry().open("elsewhere")) {
                assertThat(elsewhere.call(() -> Files.exists(THRESH3))).as("seen from a fresh namespace").isFalse();
                assertThat(elsewhere.call(() -> Files.isDirectory(Path.of("/proc/sys/net/ipv4")))).isTrue();

                Map<String, HostNeighbourLimits.Reading> inside = elsewhere.call(limits::readAll);
                assertThat(inside.get("ipv4").source()).isEqualTo(HostNeighbourLimits.Source.INITIAL_NAMESPACE);
                assertThat(inside.get("ipv4").limits()).isEqualTo(direct.get("ipv4").limits());
                assertThat(inside.get("ipv6").limits()).isEqualTo(direct.get("ipv6").limits());
                assertThat(elsewhere.call(limits::canRaise)).isFalse();

                // "initial" namespace that is not: it shows no limits either, so the defaults stand in
                Map<String, HostNeighbourLimits.Reading> fallback = elsewhere.call(nowhere::readAll);
                assertThat(fallback.get("ipv4").source()).isEqualTo(HostNeighbourLimits.Source.KERNEL_DEFAULTS);
                assertThat(fallback.get("ipv4").limits()).isEqualTo(new NeighbourBudget.Limits("ipv4", 512, 1024));
                assertThat(fallback.get("ipv4").why()).endsWith("does not show them either (not the initial network namespace)");
            }
        }
    }
}
