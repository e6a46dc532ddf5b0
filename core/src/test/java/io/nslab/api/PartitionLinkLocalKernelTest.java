package io.nslab.api;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition and IPv6 link-local traffic, on the kernel: a and b (the two groups) share a bridge with c (in no group)
 * and have a direct link too. Under the partition no link-local ping crosses between a and b — not to the address
 * the lab gives, not to those the kernel made, on the bridge or on the direct link, and not after the neighbour
 * cache is flushed (neighbour discovery does not cross either) — while a and c still reach each other's link-local
 * addresses. Heal brings everything back.
 */
class PartitionLinkLocalKernelTest {
    static final String LAB = """
            name: ll
            nodes:
              a: {}
              b: {}
              c: {}
              sw:
                bridges:
                  br0: {ports: [pa, pb, pc]}
            links:
              - endpoints: ["a:e0 fd00::a/64", "sw:pa"]
              - endpoints: ["b:e0 fd00::b/64 fe80::b/64", "sw:pb"]
              - endpoints: ["c:e0 fd00::c/64 fe80::c/64", "sw:pc"]
              - endpoints: ["a:e1 10.0.0.1/30", "b:e1 10.0.0.2/30"]
            """;
    @TempDir
    Path state;
    KernelTestSupport support;

    @BeforeEach
    void setUp() throws Exception {
        support = KernelTestSupport.create();
    }

    @AfterEach
    void tearDown() {
        support.close();
    }

    /** The kernel's own link-local address of a node's interface (the one the lab does not give). */
    static String kernelLinkLocal(RunningLab lab, String node, String dev) {
        for (int i = 0; i < 100; i++) {
            String out = lab.node(node).exec("ip", "-6", "-o", "addr", "show", "dev", dev, "scope", "link").stdout();
            for (String line : out.lines().toList()) {
                String a = line.replaceAll(".* inet6 ([0-9a-f:]+)/.*", "$1");
                if (!a.equals("fe80::b") && !a.equals("fe80::c") && !line.contains("tentative")) {
                    return a;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no link-local address on " + node + ":" + dev);
    }

    static boolean ping(RunningLab lab, String from, String to, int tries) {
        for (int i = 0; i < tries; i++) {
            if (lab.node(from).exec("ping", "-6", "-c1", "-W1", "-n", to).ok()) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void noLinkLocalPacketCrossesBetweenGroupsAndNoneIsDroppedFromANodeInNoGroup() throws Exception {
        Path file = state.resolve("ll.yaml");
        Files.writeString(file, LAB);
        try (RunningLab lab = Labs.options().netnsDir(support.directory()).stateDir(state.resolve("s")).up(file)) {
            String b0 = kernelLinkLocal(lab, "b", "e0");
            String b1 = kernelLinkLocal(lab, "b", "e1");
            String a1 = kernelLinkLocal(lab, "a", "e1");
            String c0 = kernelLinkLocal(lab, "c", "e0");
            // before: everything answers (DAD may still run: a few tries)
            assertThat(ping(lab, "a", "fe80::b%e0", 20)).isTrue();
            assertThat(ping(lab, "a", b0 + "%e0", 20)).isTrue();
            assertThat(ping(lab, "a", b1 + "%e1", 20)).isTrue();
            assertThat(ping(lab, "a", "fe80::c%e0", 20)).isTrue();

            lab.partition("a", "b");
            String rules = lab.node("a").exec("nft", "list", "table", "inet", "nslab_partition").stdout();
            System.out.println(rules);
            assertThat(rules).contains("iifname \"e0\" ip6 saddr fe80::b drop", "iifname \"e0\" ip6 saddr " + b0 + " drop",
                    "iifname \"e1\" ip6 saddr " + b1 + " drop").doesNotContain("saddr fe80::c drop", "saddr " + c0 + " drop"); // whole addresses: b's own may begin fe80::c
            assertThat(ping(lab, "a", "fe80::b%e0", 1)).as("the lab's link-local address of b").isFalse();
            assertThat(ping(lab, "a", b0 + "%e0", 1)).as("b's own link-local address, across the bridge").isFalse();
            assertThat(ping(lab, "a", b1 + "%e1", 1)).as("b's own link-local address, on the direct link").isFalse();
            assertThat(ping(lab, "b", a1 + "%e1", 1)).as("the other way").isFalse();
            assertThat(ping(lab, "a", "fd00::b", 1)).isFalse();
            lab.node("a").exec("ip", "-6", "neigh", "flush", "all");
            lab.node("b").exec("ip", "-6", "neigh", "flush", "all");
            assertThat(ping(lab, "a", b0 + "%e0", 1)).as("neighbour discovery does not cross either").isFalse();
            assertThat(lab.node("a").exec("ip", "-6", "neigh", "show", b0, "dev", "e0").stdout()).doesNotContain("REACHABLE", "STALE");
            assertThat(ping(lab, "a", "fe80::c%e0", 3)).as("c is in no group").isTrue();
            assertThat(ping(lab, "a", c0 + "%e0", 3)).isTrue();
            assertThat(ping(lab, "c", b0 + "%e0", 3)).isTrue();
            assertThat(ping(lab, "a", "fd00::c", 3)).isTrue();

            lab.heal();
            assertThat(ping(lab, "a", b0 + "%e0", 10)).isTrue();
            assertThat(ping(lab, "b", a1 + "%e1", 10)).isTrue();
            assertThat(ping(lab, "a", "fd00::b", 10)).isTrue();
        }
        assertThat(support.registry().list()).isEmpty();
    }
}
