package io.nslab.agreement;

import io.nslab.sim.CheckRunner;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example's own checks pass on the kernel and in the simulator, firewall and NAT examples included (their
 * tables installed over nf_tables), and the ruleset read back from each node is the file's.
 */
class ExampleChecksTest {

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("../examples")).filter(p -> p.toString().endsWith(".yaml")).sorted()
                .filter(p -> LabLoader.load(p).nodes().values().stream().anyMatch(n -> !n.firewall().isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void checksPassInBothWorlds(Path file) throws Exception {
        Lab lab = LabLoader.load(file);
        try (KernelTestSupport support = KernelTestSupport.create();
             KernelNetwork kernel = new KernelNetwork(support.registry());
             SimNetwork sim = SimNetwork.of(lab)) {
            kernel.applyAll(LabPlanner.plan(lab));
            for (var n : lab.nodes().values()) {
                assertThat(kernel.firewall(lab.namespaceOf(n.name())).ruleset().text()).as("%s's ruleset read back", n.name())
                        .isEqualTo(n.firewall().text());
            }
            ExamplesAgreeTest.awaitAnswers(kernel, lab);
            for (var check : lab.checks()) {
                assertThat(CheckRunner.run(kernel, lab, check).passed()).as("kernel: %s", check.label()).isTrue();
                assertThat(CheckRunner.run(sim, lab, check).passed()).as("simulator: %s", check.label()).isTrue();
            }
        }
    }
}
