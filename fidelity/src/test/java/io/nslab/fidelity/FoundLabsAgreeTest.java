package io.nslab.fidelity;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated labs on which the worlds once disagreed, kept as lab files (src/test/resources/found/, each says what
 * went wrong) so that they stay the same labs when the generator changes: both worlds must agree on them.
 */
class FoundLabsAgreeTest {

    static Stream<Path> labs() throws IOException {
        return Files.list(Path.of("src/test/resources/found")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void bothWorldsAgree(Path file) throws Exception {
        String missing = ThrowawayNamespaces.missingPrivilege();
        if (missing != null) {
            System.out.println("SKIPPED kernel test: " + missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
        Lab lab = LabLoader.load(file);
        Verdict v = DifferentialRunner.run(lab);
        assertThat(v.agrees()).as(v::report).isTrue();
        assertThat(v.probes()).isPositive();
    }
}
