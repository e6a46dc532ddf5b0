package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check --all-pairs on real topologies: a large lab gets counts and the failing pairs by cause (a 300-host lab made a
 * matrix 2,400 columns wide), progress on a terminal only, and the first all-pairs right after up sees no loss that a
 * second would not.
 */
class AllPairsTest {
    @TempDir
    Path tmp;

    /** A star of 30 hosts in which h3 has lost its default route. */
    private Path brokenStar() throws Exception {
        Path file = tmp.resolve("star.yaml");
        String yaml = CliRun.of("new", "--topo", "star,30").out();
        Files.writeString(file, yaml.replace("  h3:\n    routes: [default via 10.0.0.9]\n", "  h3: {}\n"));
        return file;
    }

    @Test
    void aLargeLabGetsCountsAndFailingPairsByCause() throws Exception {
        CliRun run = CliRun.of("check", "--sim", "--all-pairs", brokenStar().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("  1   2   3").startsWith("""
                31 nodes x 60 addresses = 1860 pings
                  1773  reply
                    58  refused by the sender's kernel: Network is unreachable
                    29  no answer
                refused by the sender's kernel: Network is unreachable:
                  h3 -> r:r-eth1 (10.0.0.1)
                """).contains("""
                  ... and 48 more (-o json lists every pair)
                no answer:
                  h1 -> h3:h3-eth0 (10.0.0.10)
                  h2 -> h3:h3-eth0 (10.0.0.10)
                """).endsWith("1773 of 1860 pings answered\nResults: 6% dropped (871/930 received)\n");
        assertThat(run.out().lines().mapToInt(String::length).max().orElse(0)).as("no line wider than a terminal").isLessThan(100);
    }

    /**
     * The simulator's all-pairs on several threads, each on its own copy of the lab and tile by tile, sees what one
     * thread row by row sees, pair by pair (a lab with refusals, ICMP errors and silent loss), and hands the pairs on
     * in order.
     */
    @Test
    void threadsOnCopiesSeeWhatOneThreadSees() throws Exception {
        io.nslab.model.Lab lab = io.nslab.model.load.LabLoader.load(brokenStar());
        AllPairs one = new AllPairs(lab);
        Progress quiet = Progress.counting(new java.io.PrintWriter(java.io.Writer.nullWriter()), "pairs", one.size());
        one.run(io.nslab.sim.SimNetwork.of(lab), quiet, i -> { });
        AllPairs many = new AllPairs(lab);
        List<Integer> order = new ArrayList<>();
        many.run(io.nslab.sim.SimNetwork.of(lab), () -> io.nslab.sim.SimNetwork.of(lab), 3, quiet, order::add);
        assertThat(order).hasSize(one.size()).isSorted();
        for (int i = 0; i < one.size(); i++) {
            assertThat(many.outcome(i)).as("pair %d", i).isEqualTo(one.outcome(i));
        }
        assertThat(many.answered()).isEqualTo(one.answered()).isEqualTo(1773);
    }

    /** Counting on stderr when stderr is a terminal (a pty from script(1)), never into a pipe. */
    @Test
    void progressShowsOnATerminalOnly() throws Exception {
        Path lab = brokenStar();
        List<String> java = new ArrayList<>(CliProcess.command("check", "--sim", "--all-pairs", lab.toString()));
        java.add(1, "-Dnslab.progressAfterMillis=0");
        Path typescript = tmp.resolve("tty.out");
        String line = String.join(" ", java.stream().map(Retry::quote).toList());
        Process tty = new ProcessBuilder("script", "-qec", line, "/dev/null").redirectErrorStream(true)
                .redirectOutput(typescript.toFile()).start();
        assertThat(tty.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(typescript)).contains("\r\u001b[Kall pairs: ").contains("/1860");
        Path piped = tmp.resolve("pipe.out");
        Process pipe = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(piped.toFile()).start();
        assertThat(pipe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(piped)).doesNotContain("all pairs:").contains("Results: 6% dropped");
    }

    /** Once in about nine runs the first all-pairs right after up showed losses: now it waits for carrier, as up does. */
    @Test
    void theFirstAllPairsAfterUpSeesNoLoss() throws Exception {
        Path file = tmp.resolve("tree.yaml");
        assertThat(CliRun.of("new", "--topo", "tree,2,3", "-w", file.toString()).exitCode()).isZero();
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            for (int round = 0; round < 12; round++) {
                assertThat(CliRun.of(kernel.args("up", file.toString())).exitCode()).isZero();
                CliRun check = CliRun.of(kernel.args("check", "--all-pairs"));
                assertThat(check.exitCode()).as("round " + round + ":\n" + check.out()).isZero();
                assertThat(check.out()).endsWith("Results: 0% dropped (72/72 received)\n");
                assertThat(CliRun.of(kernel.args("down")).exitCode()).isZero();
            }
        }
    }
}
