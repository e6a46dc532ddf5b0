package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neighbour budget end to end: refusal before anything is created, static neighbours passing
 * check --all-pairs, and up right after down of a large lab. The host's limits are read from a fake
 * /proc/sys holding this host's usual values, so the outcome does not depend on the machine; the real
 * host's values are checked byte-identical afterwards.
 */
class NeighbourCliTest {
    @TempDir
    Path tmp;
    private KernelTestSupport support;
    private String[] dirs;
    private Map<String, String> hostBefore;

    @BeforeEach
    void setUp() throws IOException {
        support = KernelTestSupport.create();
        hostBefore = hostLimits();
        Path sys = tmp.resolve("sys");
        for (String family : new String[] {"ipv4", "ipv6"}) {
            Path d = Files.createDirectories(sys.resolve("net/" + family + "/neigh/default"));
            Files.writeString(d.resolve("gc_thresh2"), "512\n");
            Files.writeString(d.resolve("gc_thresh3"), "1024\n");
        }
        dirs = new String[] {"--netns-dir", support.directory().toString(), "--state-dir", tmp.resolve("state").toString(),
                "--proc-sys", sys.toString()};
    }

    @AfterEach
    void tearDown() throws IOException {
        if (support != null) {
            CliRun.of(args("cleanup"));
            support.close();
            assertThat(hostLimits()).as("the host's neighbour limits are untouched").isEqualTo(hostBefore);
        }
    }

    private static Map<String, String> hostLimits() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String family : new String[] {"ipv4", "ipv6"}) {
            for (int n = 1; n <= 3; n++) {
                Path p = Path.of("/proc/sys/net/" + family + "/neigh/default/gc_thresh" + n);
                if (Files.exists(p)) {
                    try (var in = Files.newInputStream(p)) {
                        out.put(p.toString(), new String(in.readNBytes(64)));
                    }
                }
            }
        }
        return out;
    }

    private String[] args(String... a) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(dirs));
        return all.toArray(new String[0]);
    }

    /** n hosts and the switch's own address on one bridge, one /16: (n+1)*n entries when they all talk. */
    private Path lan(int n, String extra) throws IOException {
        StringBuilder y = new StringBuilder("name: lan\n" + extra + "nodes:\n  sw:\n    bridges:\n      br0:\n        ports: ["
                + IntStream.range(0, n).mapToObj(i -> "p" + i).collect(Collectors.joining(", ")) + "]\n"
                + "        addresses: [10.0.255.254/16]\n");
        for (int i = 0; i < n; i++) {
            y.append("  h").append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < n; i++) {
            y.append("  - endpoints: [\"h").append(i).append(":eth0 10.0.0.").append(i + 1).append("/16\", \"sw:p").append(i).append("\"]\n");
        }
        Path file = tmp.resolve(extra.isEmpty() ? "lan.yaml" : "lan-static.yaml");
        Files.writeString(file, y.toString());
        return file;
    }

    @Test
    void aLabOverTheLimitIsRefusedEverywhereAndComesUpWithStaticNeighbours() throws IOException {
        Path dynamic = lan(50, "");
        CliRun validate = CliRun.of("validate", dynamic.toString(), "--proc-sys", dirs[5]);
        assertThat(validate.exitCode()).isEqualTo(3);
        assertThat(validate.out()).startsWith(dynamic + ": ok: lab lan: 51 nodes, 50 links");
        assertThat(validate.err()).contains("lab lan needs 2,550 dynamic IPv4 (ARP) neighbour entries, more than the host's "
                + "net.ipv4.neigh.default.gc_thresh3 = 1024");

        CliRun up = CliRun.of(args("up", dynamic.toString()));
        assertThat(up.exitCode()).as(up.err()).isEqualTo(3);
        assertThat(up.err()).startsWith("nslab up lan: lab lan needs 2,550 dynamic IPv4 (ARP) neighbour entries")
                .contains("Nothing was created.", "Remedies:", "neighbours: static", "--tune-host");
        assertThat(support.registry().list()).isEmpty();
        assertThat(CliRun.of(args("status")).out()).isEqualTo("no labs running\n");

        CliRun allPairs = CliRun.of(args("check", dynamic.toString(), "--all-pairs"));
        assertThat(allPairs.exitCode()).isEqualTo(3);
        assertThat(allPairs.err()).startsWith("nslab check --all-pairs lan: lab lan needs 2,550 dynamic IPv4");

        Path statics = lan(50, "defaults:\n  neighbours: static\n");
        CliRun upStatic = CliRun.of(args("up", statics.toString()));
        assertThat(upStatic.exitCode()).as(upStatic.err()).isZero();
        assertThat(upStatic.out()).contains("2550 static neighbours");
        CliRun check = CliRun.of(args("check", "lan", "--all-pairs"));
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("2601 of 2601 pings answered\n").endsWith("Results: 0% dropped (2550/2550 received)\n");
    }

    @Test
    void upRightAfterDownOfA500HostLabSucceeds() throws IOException {
        Path file = tmp.resolve("star.yaml");
        Files.writeString(file, StarLab.yaml("big", 500));
        for (int round = 0; round < 2; round++) {
            CliRun up = CliRun.of(args("up", file.toString()));
            assertThat(up.exitCode()).as(up.err()).isZero();
            CliRun down = CliRun.of(args("down", "big"));
            assertThat(down.exitCode()).as(down.err()).isZero();
            assertThat(down.out()).startsWith("lab big is down: 501 namespaces removed in ");
        }
        assertThat(support.registry().list()).isEmpty();
    }
}
