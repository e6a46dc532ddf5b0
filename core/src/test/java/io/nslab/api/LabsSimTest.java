package io.nslab.api;

import io.nslab.model.load.LabException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabsSimTest {
    static final Path SEED = Path.of("..", "examples", "seed.yaml");

    static LabSpec pair() {
        return LabSpec.named("pair")
                .node("ns1", "10.10.20.0/24 via 10.10.10.1")
                .router("router")
                .node("ns2", "10.10.10.0/24 via 10.10.20.1")
                .link("ns1:v1 10.10.10.2/24", "router:v1 10.10.10.1/24")
                .link("ns2:v2 10.10.20.2/24", "router:v2 10.10.20.1/24")
                .check("ns1 -> ns2", "reply");
    }

    @Test
    void seedInTheSimulatorPassesItsChecksUnderANameOfItsOwn() {
        try (RunningLab a = Labs.in(World.SIM).up(SEED); RunningLab b = Labs.in(World.SIM).up(SEED)) {
            assertThat(a.name()).matches("seed-[0-9a-z]{6}").isNotEqualTo(b.name());
            assertThat(a.node("ns1").netns()).isEqualTo(a.name() + "-ns1");
            List<CheckResult> checks = a.check();
            assertThat(checks).hasSize(3).allMatch(CheckResult::passed);
            assertThat(a.reaches("ns1", "ns2")).isTrue();
            assertThat(a.ping("ns1", "10.10.20.2").received()).isEqualTo(1);
            assertThat(a.trace("ns1", "ns2").hops()).hasSize(2);
        }
    }

    @Test
    void aLabSpecIsReadAsAFileIs() {
        try (RunningLab lab = Labs.in(World.SIM).up(pair())) {
            assertThat(lab.check()).singleElement().satisfies(c -> {
                assertThat(c.passed()).isTrue();
                assertThat(c.check()).isEqualTo("ping ns1 -> ns2 expect reply");
            });
            assertThat(lab.node("ns2").address()).contains("10.10.20.2");
        }
        LabSpec noForwarding = LabSpec.named("pair").node("ns1", "10.10.20.0/24 via 10.10.10.1").node("router")
                .node("ns2", "10.10.10.0/24 via 10.10.20.1")
                .link("ns1:v1 10.10.10.2/24", "router:v1 10.10.10.1/24")
                .link("ns2:v2 10.10.20.2/24", "router:v2 10.10.20.1/24");
        try (RunningLab lab = Labs.in(World.SIM).up(noForwarding)) {
            assertThat(lab.reaches("ns1", "ns2")).isFalse();
        }
    }

    @Test
    void problemsInASpecNameItsLines() {
        LabSpec bad = LabSpec.named("bad").node("a", "10.0.0.0/8 via nowhere").link("a:e0 10.0.0.1/24", "b:e0 10.0.0.2/24");
        assertThatThrownBy(() -> Labs.in(World.SIM).up(bad)).isInstanceOf(LabException.class)
                .hasMessageContaining("bad (LabSpec):").hasMessageContaining("nowhere");
    }

    @Test
    void theSimulatorRunsNoProcessesAndSaysSo() {
        try (RunningLab lab = Labs.in(World.SIM).up(SEED)) {
            assertThatThrownBy(() -> lab.node("ns1").exec("true")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("in the simulator");
            assertThatThrownBy(() -> lab.node("ns1").run(() -> 1)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> lab.node("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("its nodes: ns1, router, ns2");
        }
    }

    @Test
    void aClosedLabRefusesUse() {
        RunningLab lab = Labs.in(World.SIM).up(SEED);
        lab.close();
        lab.close();
        assertThatThrownBy(() -> lab.node("ns1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
