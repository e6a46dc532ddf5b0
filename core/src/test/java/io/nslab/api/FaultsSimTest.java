package io.nslab.api;

import io.nslab.NslabException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's prediction of partitions and links set down. */
class FaultsSimTest {

    @Test
    void aPartitionSeparatesItsGroupsAndLeavesTheRouterReachable() {
        try (RunningLab lab = Labs.in(World.SIM).up(LabsSimTest.SEED)) {
            lab.partition("ns1", "ns2");
            assertThat(lab.reaches("ns1", "ns2")).isFalse();
            assertThat(lab.reaches("ns2", "ns1")).isFalse();
            assertThat(lab.reaches("ns1", "router")).isTrue();
            assertThat(lab.reaches("ns2", "10.10.20.1")).isTrue();
            assertThat(lab.reaches("router", "ns2")).isTrue();
            lab.heal();
            assertThat(lab.reaches("ns1", "ns2")).isTrue();
            lab.partition("ns1,router", "ns2");
            assertThat(lab.reaches("ns1", "router")).isTrue();
            assertThat(lab.reaches("router", "ns2")).isFalse();
            lab.reset();
            assertThat(lab.check()).allMatch(CheckResult::passed);
        }
    }

    @Test
    void aLinkEndDownCutsBothDirectionsUntilReset() {
        try (RunningLab lab = Labs.in(World.SIM).up(LabsSimTest.SEED)) {
            lab.linkDown("router:v2_r");
            assertThat(lab.reaches("ns1", "ns2")).isFalse();
            assertThat(lab.reaches("ns2", "router:v2_r")).isFalse();
            assertThat(lab.reaches("ns1", "router:v1_r")).isTrue();
            lab.reset();
            assertThat(lab.reaches("ns1", "ns2")).isTrue();
        }
    }

    @Test
    void onlyAHundredPercentLossChangesAPingsOutcomeAndItOutlivesAHeal() {
        try (RunningLab lab = Labs.in(World.SIM).up(LabsSimTest.SEED)) {
            lab.loss("ns1:v1", 30);
            assertThat(lab.reaches("ns1", "ns2")).isTrue();
            assertThat(lab.check()).allMatch(CheckResult::passed);
            lab.loss("ns1:v1", 100);
            // the request from ns1 is lost; from ns2, the reply of ns1 is
            assertThat(lab.reaches("ns1", "ns2")).isFalse();
            assertThat(lab.reaches("ns2", "ns1")).isFalse();
            assertThat(lab.reaches("ns2", "router")).isTrue();
            lab.partition("ns1", "ns2");
            lab.heal();
            assertThat(lab.reaches("ns1", "ns2")).as("heal takes the partition's table only").isFalse();
            lab.loss("ns1:v1", 0);
            assertThat(lab.reaches("ns1", "ns2")).isTrue();
            lab.loss("router:v2_r", 100);
            assertThat(lab.reaches("ns1", "ns2")).isFalse();
            lab.reset();
            assertThat(lab.check()).allMatch(CheckResult::passed);
            assertThatThrownBy(() -> lab.loss("ns1:v1", 101)).isInstanceOf(NslabException.class)
                    .hasMessageContaining("loss 101.0% on ns1:v1: between 0% and 100%");
        }
    }

    @Test
    void theFilesImpairIsKeptByTheSimulator() {
        try (RunningLab lab = Labs.in(World.SIM).up(java.nio.file.Path.of("src/test/resources/labs/valid/impair.yaml"))) {
            assertThat(lab.reaches("a", "r")).as("rate and 0.5% loss: no change").isTrue();
            assertThat(lab.reaches("a", "b")).as("b's replies are all lost").isFalse();
            lab.loss("b:e0", 0);
            assertThat(lab.reaches("a", "b")).isTrue();
        }
    }

    @Test
    void badGroupsAndEndsAreNamed() {
        try (RunningLab lab = Labs.in(World.SIM).up(LabsSimTest.SEED)) {
            assertThatThrownBy(() -> lab.partition("ns1")).isInstanceOf(NslabException.class).hasMessageContaining("at least two groups");
            assertThatThrownBy(() -> lab.partition("ns1", "ns1,ns2")).hasMessageContaining("node ns1 is in two groups");
            assertThatThrownBy(() -> lab.partition("ns1", "ns3")).hasMessageContaining("\"ns3\" is not a node");
            assertThatThrownBy(() -> lab.linkDown("ns1:eth0")).hasMessageContaining("its ends: ns1:v1, router:v1_r");
        }
    }
}
