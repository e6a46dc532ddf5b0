package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per row of docs/cli.md's table of exit codes (the table names each row's test, and
 * {@link #everyRowOfTheTableHasItsTest} holds the two together). Kernel rows skip, saying why, without root.
 */
class ExitCodesTest {
    private static final String SEED = "../examples/seed.yaml";
    private static final String BROKEN = "../examples/seed-broken.yaml";

    @TempDir
    Path tmp;

    @Test
    void everyRowOfTheTableHasItsTest() throws Exception {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        String table = doc.substring(doc.indexOf("## Exit codes"), doc.indexOf("`script` exits with"));
        Matcher m = Pattern.compile("`(\\w+)#(\\w+)`").matcher(table);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            Class<?> c = Class.forName("io.nslab.cli." + m.group(1));
            boolean found = false;
            for (Method method : c.getDeclaredMethods()) {
                found |= method.getName().equals(m.group(2)) && method.isAnnotationPresent(Test.class);
            }
            assertThat(found).as("test " + m.group() + " named in docs/cli.md").isTrue();
            named.add(m.group(2));
        }
        assertThat(named).hasSizeGreaterThanOrEqualTo(19);
        for (Method method : getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(Test.class) && !method.getName().equals("everyRowOfTheTableHasItsTest")) {
                assertThat(named).as("a row of the table for " + method.getName()).contains(method.getName());
            }
        }
    }

    @Test
    void okWhenEverythingAnswered() {
        assertThat(CliRun.of("check", "--sim", SEED).exitCode()).isZero();
        assertThat(CliRun.of("ping", "--sim", "-l", SEED, "ns1", "ns2").exitCode()).isZero();
        assertThat(CliRun.of("trace", "--sim", "-l", SEED, "ns1", "ns2").exitCode()).isZero();
        assertThat(CliRun.of("check", "--sim", "--all-pairs", SEED).exitCode()).isZero();
    }

    @Test
    void aFailingCheck() throws IOException {
        CliRun run = CliRun.of("check", "--sim", wrongExpectations().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  ping ns1 -> 10.10.20.2");
    }

    /** Exited 0 with 4 of 12 pings unanswered. */
    @Test
    void allPairsWithLossSim() {
        CliRun run = CliRun.of("check", "--sim", "--all-pairs", BROKEN);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("8 of 12 pings answered");
    }

    @Test
    void allPairsWithLossKernel() throws IOException {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            assertThat(CliRun.of(kernel.args("up", BROKEN)).exitCode()).isZero();
            CliRun run = CliRun.of(kernel.args("check", "seed-broken", "--all-pairs"));
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("8 of 12 pings answered");
        }
    }

    @Test
    void pingWithoutReply() {
        CliRun run = CliRun.of("ping", "--sim", "-l", SEED, "ns1", "10.10.20.9", "-W", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 packets transmitted, 0 received");
    }

    /** Exited 2, as for a typo in a node's name; iputils exits 2 here, nslab's contract says 1. */
    @Test
    void pingNetworkUnreachable() {
        CliRun run = CliRun.of("ping", "--sim", "-l", BROKEN, "ns1", "10.10.20.2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("ping: connect: Network is unreachable\n");
        assertThat(run.out()).isEmpty();
    }

    /** Exited 0. */
    @Test
    void traceUnreachable() {
        CliRun refused = CliRun.of("trace", "--sim", "-l", BROKEN, "ns1", "10.10.20.2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("\nconnect: Network is unreachable\n");
        CliRun silent = CliRun.of("trace", "--sim", "-l", SEED, "ns1", "10.10.20.9", "-m", "3", "-q", "1");
        assertThat(silent.exitCode()).as(silent.out()).isEqualTo(1);
    }

    @Test
    void upWithFailingChecks() throws IOException {
        CliRun run = CliRun.of("up", "--sim", wrongExpectations().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).endsWith("4 checks: 3 passed, 1 failed\n");
    }

    @Test
    void unknownCommandOrOption() {
        assertThat(CliRun.of("valdate", SEED).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("check", "--no-such-option").exitCode()).isEqualTo(2);
    }

    @Test
    void invalidLabFile() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nnodes:\n  a: {forwading: true}\n");
        CliRun run = CliRun.of("validate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":3:7: ");
    }

    /** Exited 2 too, but said nothing of the names the lab has. */
    @Test
    void unknownNode() {
        for (String command : List.of("ping", "trace")) {
            CliRun run = CliRun.of(command, "--sim", "-l", SEED, "ns3", "ns2");
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).isEqualTo("lab seed has no node \"ns3\" (did you mean \"ns1\"?); its nodes: ns1, router, ns2\n");
        }
    }

    @Test
    void unknownLab() throws IOException {
        Path state = Files.createDirectories(tmp.resolve("state"));
        CliRun named = CliRun.of("check", "--sim", "nosuchlab", "--state-dir", state.toString());
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.err()).startsWith("no lab \"nosuchlab\" is running");
        CliRun none = CliRun.of("check", "--sim", "--state-dir", state.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("no lab is running");
    }

    /** The simulator sent the request from an address the node does not have, and lost it in silence. */
    @Test
    void pingSourceNotLocal() {
        CliRun run = CliRun.of("ping", "--sim", "-l", SEED, "ns1", "ns2", "-I", "10.9.9.9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ping: bind: Cannot assign requested address\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void valueOutOfRange() {
        CliRun run = CliRun.of("ping", "--sim", "-l", SEED, "ns1", "ns2", "-c", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("nslab ping: -c 0 is out of range 1..100000\n");
    }

    /** check said "no lab is running" of a lab that status listed. */
    @Test
    void interruptedLab() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            Path lab = tmp.resolve("star.yaml");
            Files.writeString(lab, StarLab.yaml("halfway", 150));
            InterruptedUp.kill(kernel, lab, 10, tmp.resolve("up.log"));
            String said = "a previous `up` of lab halfway was interrupted; `nslab up LAB.yaml` (its file) resumes it, "
                    + "`nslab down halfway` removes it\n";
            CliRun check = CliRun.of(kernel.args("check", "halfway"));
            assertThat(check.exitCode()).as(check.err()).isEqualTo(3);
            assertThat(check.err()).isEqualTo(said);
            CliRun bare = CliRun.of(kernel.args("check"));
            assertThat(bare.exitCode()).isEqualTo(3);
            assertThat(bare.err()).isEqualTo(said);
        }
    }

    @Test
    void hostLimits() throws IOException {
        Path sys = tmp.resolve("sys");
        for (String family : new String[] {"ipv4", "ipv6"}) {
            Path d = Files.createDirectories(sys.resolve("net/" + family + "/neigh/default"));
            Files.writeString(d.resolve("gc_thresh2"), "16\n");
            Files.writeString(d.resolve("gc_thresh3"), "32\n");
        }
        Path lab = tmp.resolve("star.yaml");
        Files.writeString(lab, StarLab.yaml("crowd", 20));
        CliRun run = CliRun.of("validate", lab.toString(), "--proc-sys", sys.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEqualTo(lab + ": ok: lab crowd: 21 nodes, 20 links, 40 addresses, 20 routes, 0 checks\n");
        // the file is valid: no "error" for it; the host's refusal is said apart
        assertThat(run.err()).startsWith(lab + ": this host: nslab up would refuse the lab here (the file is valid): ")
                .doesNotContain("error");
    }

    private Path wrongExpectations() throws IOException {
        Path lab = tmp.resolve("wrong.yaml");
        Files.writeString(lab, Files.readString(Path.of(BROKEN))
                .replace("expect: unreachable\n  - ping: ns2", "expect: reply\n  - ping: ns2"));
        return lab;
    }
}
