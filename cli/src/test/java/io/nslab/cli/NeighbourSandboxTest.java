package io.nslab.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neighbour limits are global to the machine but visible only from its initial network namespace, so
 * {@code nslab up} inside {@code nslab sandbox} (a network namespace of its own) must refuse a lab over them as
 * on the host, not skip the check. Both runs read the real {@code /proc/sys}; neither writes anything there.
 */
class NeighbourSandboxTest {
    private static final String NOTE = "Note: the host's neighbour limits are not visible from this network namespace";

    @TempDir
    Path tmp;

    /** 50 hosts and the switch on one bridge, dynamic neighbours: 2,550 IPv4 entries when all talk. */
    private Path lan() throws IOException {
        StringBuilder y = new StringBuilder("name: lan\nnodes:\n  sw:\n    bridges:\n      br0:\n        ports: ["
                + IntStream.range(0, 50).mapToObj(i -> "p" + i).collect(Collectors.joining(", ")) + "]\n"
                + "        addresses: [10.0.255.254/16]\n");
        for (int i = 0; i < 50; i++) {
            y.append("  h").append(i).append(": {}\n");
        }
        y.append("links:\n");
        for (int i = 0; i < 50; i++) {
            y.append("  - endpoints: [\"h").append(i).append(":eth0 10.0.0.").append(i + 1).append("/16\", \"sw:p").append(i).append("\"]\n");
        }
        Path file = tmp.resolve("lan.yaml");
        Files.writeString(file, y.toString());
        return file;
    }

    private static String hostLimit(String family, int n) throws IOException {
        Path p = Path.of("/proc/sys/net/" + family + "/neigh/default/gc_thresh" + n);
        if (!Files.exists(p)) {
            return null;
        }
        try (var in = Files.newInputStream(p)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void aLabOverTheLimitIsRefusedInsideASandboxAsOnTheHost() throws Exception {
        try (KernelDirs dirs = KernelDirs.in(tmp)) {
            String thresh3 = hostLimit("ipv4", 3);
            Assumptions.assumeTrue(thresh3 != null, "this JVM is not in the initial network namespace: no host limits to compare with");
            Assumptions.assumeTrue(Long.parseLong(thresh3) < 2550,
                    "this host's gc_thresh3 (" + thresh3 + ") holds the lab's 2,550 entries: nothing is refused to compare");
            Path lab = lan();

            CliRun host = CliRun.of(dirs.args("up", lab.toString()));
            assertThat(host.exitCode()).as(host.err()).isEqualTo(3);
            assertThat(host.err()).startsWith("nslab up lan: lab lan needs 2,550 dynamic IPv4 (ARP) neighbour entries")
                    .doesNotContain(NOTE);

            List<String> out = sandboxed(Sandboxed.nslab() + " sandbox -- " + Sandboxed.nslab() + " up " + lab + "; echo \"exit: $?\"");
            assertThat(out.getLast()).as(String.join("\n", out)).isEqualTo("exit: 3");
            List<String> refusal = new ArrayList<>(out.subList(0, out.size() - 1));
            if (refusal.removeIf(l -> l.startsWith(NOTE))) {
                // /proc/1/ns/net could not be entered from the sandbox: the kernel's defaults stood in, which is the
                // same refusal only where the host has those values
                boolean defaults = "512".equals(hostLimit("ipv4", 2)) && "1024".equals(thresh3)
                        && "512".equals(hostLimit("ipv6", 2)) && "1024".equals(hostLimit("ipv6", 3));
                System.out.println("NeighbourSandboxTest: inside the sandbox the kernel's defaults stood in for the host's limits"
                        + (defaults ? ", which are the same here" : ", which differ here: not compared"));
                Assumptions.assumeTrue(defaults, "the sandbox could not read this host's limits, which are not the kernel's defaults");
            }
            assertThat(String.join("\n", refusal)).isEqualTo(host.err().strip());

            // --tune-host cannot raise what it cannot see from there (and never writes through the initial namespace)
            List<String> tuned = sandboxed(Sandboxed.nslab() + " sandbox -- " + Sandboxed.nslab() + " up --tune-host " + lab
                    + "; echo \"exit: $?\"");
            assertThat(tuned.getLast()).as(String.join("\n", tuned)).isEqualTo("exit: 3");
            assertThat(tuned.getFirst()).startsWith("nslab up lan: lab lan needs 2,550 dynamic IPv4 (ARP) neighbour entries");
        }
    }

    /** A shell command's output, stdout and stderr together, once it has ended (within two minutes). */
    private List<String> sandboxed(String command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.isAlive()).as("the sandboxed command ended within 120 s").isFalse();
        return Files.readAllLines(out);
    }
}
