package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** validate, plan and up say what in a valid lab is probably not meant; it validated "ok" in silence. */
class ValidateWarningsTest {
    @TempDir
    Path tmp;

    @Test
    void warningsAreSaidAtTheirPlaceAndTheFileIsStillValid() throws Exception {
        Path lab = tmp.resolve("typo.yaml");
        Files.writeString(lab, """
                name: typo
                nodes: {a: {}, b: {}}
                links:
                  - endpoints: ["a:e0 10.0.1.1/24", "b:e0 10.0.2.1/24"]
                  - endpoints: ["a:e1 10.0.3.1", "b:e1 10.0.3.2/24"]
                """);
        CliRun validate = CliRun.of("validate", lab.toString());
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).isEqualTo(lab + ": ok: lab typo: 2 nodes, 2 links, 4 addresses, 0 routes, 0 checks (2 warnings)\n");
        assertThat(validate.err()).isEqualTo(lab + ":4:43: warning: the ends of this link share no IPv4 subnet (a:e0 10.0.1.1/24, "
                + "b:e0 10.0.2.1/24): they reach each other only through routes naming the interface; if they are meant to be "
                + "neighbours, put both in one subnet\n"
                + lab + ":5:23: warning: address 10.0.3.1 has no prefix length and is taken as 10.0.3.1/32, a subnet of one address "
                + "with no neighbour on it; its peer b:e1 has 10.0.3.2/24: did you mean 10.0.3.1/24?\n");
        CliRun up = CliRun.of("up", "--sim", lab.toString());
        assertThat(up.exitCode()).isZero();
        assertThat(up.err()).contains(lab + ":4:43: warning: ").contains(lab + ":5:23: warning: ");
    }
}
