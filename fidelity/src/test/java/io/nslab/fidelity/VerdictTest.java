package io.nslab.fidelity;

import io.nslab.model.Lab;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How two observations are compared and a disagreement reported, without any kernel. */
class VerdictTest {
    private static final Lab LAB = FidelityRun.lab(1);

    private static Observation observation(String snapshotLine, String ping) {
        return new Observation(List.of(), List.of("n0: link lo LOOPBACK UP LOWER_UP state UNKNOWN mtu 65536", snapshotLine),
                List.of("ping n0 -> 10.0.0.1: reply ttl=64 from 10.0.0.1", ping), List.of("trace n0 -> 10.0.0.1: 1 10.0.0.1"));
    }

    @Test
    void theFirstDifferenceIsReportedWithBothSides() {
        Observation kernel = observation("n0: addr e0 10.0.0.1/24 scope global", "ping n0 -> 10.0.0.2: no answer");
        Observation sim = observation("n0: addr e0 10.0.0.1/24 scope global", "ping n0 -> 10.0.0.2: reply ttl=63 from 10.0.0.2");
        Verdict v = Verdict.of(LAB, kernel, sim);
        assertThat(v.agrees()).isFalse();
        assertThat(v.probes()).isEqualTo(3);
        assertThat(v.agreeingProbes()).isEqualTo(2);
        assertThat(v.firstDifference()).contains("pings, line 2:\n  kernel:    ping n0 -> 10.0.0.2: no answer\n"
                + "  simulator: ping n0 -> 10.0.0.2: reply ttl=63 from 10.0.0.2");
        assertThat(v.report()).contains("=== lab file\nname: gen1\n").contains("=== as a script\n#!/bin/sh\n")
                .contains("ip netns add n0\n").contains("=== kernel\n").contains("=== simulator\n");
    }

    @Test
    void aSnapshotDifferenceComesBeforeProbes() {
        Observation kernel = observation("n0: addr e0 10.0.0.1/24 scope global", "ping n0 -> 10.0.0.2: no answer");
        Observation sim = observation("n0: addr e0 10.0.0.1/16 scope global", "ping n0 -> 10.0.0.2: no answer");
        Verdict v = Verdict.of(LAB, kernel, sim);
        assertThat(v.firstDifference()).hasValueSatisfying(d -> assertThat(d).startsWith("snapshot, line 2:"));
        assertThat(v.agreeingProbes()).isEqualTo(v.probes());
    }

    @Test
    void equalObservationsAgree() {
        Observation o = observation("n0: addr e0 10.0.0.1/24 scope global", "ping n0 -> 10.0.0.2: no answer");
        assertThat(Verdict.of(LAB, o, o).agrees()).isTrue();
    }
}
