package io.nslab.sim;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example lab builds on the simulator and every check it declares passes there. */
class ExamplesOnSimulatorTest {
    static final Path EXAMPLES = Path.of("../examples");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyCheckPasses(Path example) throws Exception {
        Lab lab = LabLoader.load(example);
        try (SimNetwork net = SimNetwork.of(lab)) {
            List<CheckRunner.Verdict> verdicts = CheckRunner.runAll(net, lab);
            assertThat(verdicts).isNotEmpty();
            assertThat(verdicts).allSatisfy(v -> assertThat(v.passed())
                    .as("%s expecting %s saw: %s", v.check().label(), v.check().expect().word(), v.seen()).isTrue());
        }
    }
}
