package io.nslab.cli;

import io.nslab.kernel.Privilege;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptCommandTest {
    static final String SEED = "../examples/seed.sh";

    @Test
    void runsTheTutorialOnTheSimulator() {
        CliRun r = CliRun.of("script", SEED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("64 bytes from 10.10.20.2: icmp_seq=3 ttl=63", "10.10.20.0      10.10.10.1      255.255.255.0   UG");
        assertThat(r.err()).isEqualTo("ping: connect: Network is unreachable\n");
    }

    @Test
    void refusesUnsupportedSyntaxBeforeRunning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.sh");
        Files.writeString(f, "ip netns add a\nip -n a link | grep lo\n");
        CliRun r = CliRun.of("script", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(f + ":2:14: unsupported: '|' (pipelines)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void returnsTheScriptsStatusUnderSetE(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.sh");
        Files.writeString(f, "set -e\nip link set nosuch up\necho never\n");
        CliRun r = CliRun.of("script", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Cannot find device \"nosuch\"\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void importWritesALabThatValidates(@TempDir Path dir) {
        Path lab = dir.resolve("seed.yaml");
        CliRun r = CliRun.of("import", SEED, "-o", lab.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(lab).content().contains("name: seed", "  host:\n    sysctls:\n      net.ipv4.ip_forward: 1",
                "10.10.20.0/24 via 10.10.10.1 dev v1");
        assertThat(CliRun.of("validate", lab.toString()).exitCode()).isZero();
        CliRun up = CliRun.of("up", "--sim", lab.toString());
        assertThat(up.exitCode()).isZero();
    }

    @Test
    void compareFindsNoDifferenceOnTheTutorial() {
        String missing = Privilege.missing();
        if (missing != null) {
            System.out.println("ScriptCommandTest: --compare skipped: " + missing);
            return;
        }
        CliRun r = CliRun.of("script", "--compare", SEED);
        assertThat(r.out()).isEqualTo(SEED + ": no difference between the kernel and the simulator\n");
        assertThat(r.exitCode()).isZero();
    }
}
