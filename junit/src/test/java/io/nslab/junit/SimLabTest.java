package io.nslab.junit;

import io.nslab.api.RunningLab;
import io.nslab.api.World;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Labs in the simulator: no privilege, the same annotations. */
class SimLabTest {
    @NsLab(value = "../examples/seed.yaml", world = World.SIM)
    static RunningLab shared;

    @NsLab(value = "../examples/seed.yaml", world = World.SIM)
    RunningLab perTest;

    @Test
    void aStaticFieldAnInstanceFieldAndAParameterAreThreeLabs(@NsLab(value = "labs/pair.yaml", world = World.SIM) RunningLab param) {
        assertThat(shared.name()).startsWith("seed-");
        assertThat(perTest.name()).startsWith("seed-").isNotEqualTo(shared.name());
        assertThat(param.name()).startsWith("pair-");
        assertThat(shared.reaches("ns1", "ns2")).isTrue();
        param.partition("a", "b");
        assertThat(param.reaches("a", "b")).isFalse();
    }

    @TestFactory
    Stream<DynamicTest> theSeedsChecksAsJUnitResults() {
        return NsLabChecks.of(shared);
    }
}
