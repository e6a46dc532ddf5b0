package io.nslab.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nslab ping's edge cases in both worlds against iputils ping run in the same namespace with the same arguments:
 * the same lines (times masked), and the exit codes of nslab's contract (docs/cli.md). The simulator lost -I's
 * request in silence, said 0.0.0.0 was unreachable, and, with nslab's old default -W 1, showed an unresolvable
 * neighbour as plain loss.
 */
class ProbeEdgeCasesCliTest extends KernelWorld {
    private static final String SEED = "../examples/seed.yaml";

    @BeforeEach
    void setUp() throws IOException {
        assertThat(CliRun.of(kernel.args("up", SEED)).exitCode()).isZero();
    }

    private record Real(int exit, String output) {
    }

    private Real iputils(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + kernel.support.directory().resolve("ns1"), "ping"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Real(p.exitValue(), out);
    }

    private static String masked(String s) {
        return s.replaceAll("time=[0-9.]+ ms", "time=T ms").replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("rtt min/avg/max/mdev = [0-9./]+ ms", "rtt = R ms");
    }

    /** Both worlds print what iputils prints, and exit as docs/cli.md says. */
    private void same(int nslabExit, int iputilsExit, List<String> nslabArgs, String... pingArgs) throws Exception {
        Real real = iputils(pingArgs);
        assertThat(real.exit()).as(real.output()).isEqualTo(iputilsExit);
        for (boolean sim : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("ping", "-l", sim ? SEED : "seed"));
            if (sim) {
                args.add("--sim");
            }
            args.addAll(nslabArgs);
            CliRun run = CliRun.of(kernel.args(args.toArray(new String[0])));
            assertThat(run.exitCode()).as((sim ? "simulator: " : "kernel: ") + run.out() + run.err()).isEqualTo(nslabExit);
            assertThat(masked(run.out() + run.err())).as(sim ? "simulator" : "kernel").isEqualTo(masked(real.output()));
        }
    }

    @Test
    void aSourceThatIsNotTheNodesIsRefusedAtBind() throws Exception {
        same(2, 2, List.of("-I", "10.10.10.77", "ns1", "10.10.20.2"), "-c", "1", "-I", "10.10.10.77", "10.10.20.2");
    }

    @Test
    void zeroAddressIsAnsweredByLoopback() throws Exception {
        same(0, 0, List.of("ns1", "0.0.0.0"), "-c", "1", "0.0.0.0");
    }

    /** nslab's -W defaulted to 1 s, and the host unreachable that ARP's failure sends after 3 s was never seen. */
    @Test
    void anUnresolvableNeighbourWithTheDefaultWait() throws Exception {
        same(1, 1, List.of("ns1", "10.10.10.77"), "-c", "1", "10.10.10.77");
    }

    /** iputils exits 2 on connect's refusal; nslab's contract says the probe failed: 1. */
    @Test
    void networkUnreachableIsAFailedProbe() throws Exception {
        Real real = iputils("-c", "1", "10.99.0.1");
        assertThat(real.exit()).isEqualTo(2);
        for (String[] args : List.of(kernel.args("ping", "-l", "seed", "ns1", "10.99.0.1"),
                kernel.args("ping", "--sim", "-l", SEED, "ns1", "10.99.0.1"))) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo(real.output());
            assertThat(run.out()).isEmpty();
        }
    }
}
