package io.nslab.model.load;

import io.nslab.fault.Impairments;
import io.nslab.model.Impairment;
import io.nslab.model.Lab;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A lab file's impair: resolved per end: both applies to both ends, an end's own entry adds to it and wins. */
class ImpairLabTest {
    @Test
    void bothAndOneEndMergeIntoWhatLeavesEachEnd() {
        Lab lab = LabLoader.load(Path.of("src/test/resources/labs/valid/impair.yaml"));
        Map<String, Impairment> of = Impairments.of(lab);
        assertThat(of.keySet()).containsExactly("a:e0", "r:a", "b:e0");
        assertThat(of.get("a:e0")).isEqualTo(new Impairment(OptionalLong.of(8_000_000), 50, Optional.empty(), Optional.empty()));
        assertThat(of.get("r:a")).isEqualTo(new Impairment(OptionalLong.of(2_000_000), 50, Optional.empty(), Optional.empty()));
        assertThat(of.get("b:e0")).isEqualTo(new Impairment(OptionalLong.empty(), 10_000, Optional.of(Duration.ofMillis(100)),
                Optional.of(Duration.ofMillis(10))));
        assertThat(Impairments.lines(lab)).containsExactly(
                "impair a:e0: rate 8mbit, loss 0.5% (what leaves a:e0)",
                "impair r:a: rate 2mbit, loss 0.5% (what leaves r:a)",
                "impair b:e0: loss 100%, delay 100ms ± 10ms (what leaves b:e0)");
    }

    @Test
    void aLinkWithoutImpairIsNotImpaired() {
        Lab lab = LabLoader.load(Path.of("../examples/seed.yaml"));
        assertThat(Impairments.of(lab)).isEmpty();
        assertThat(lab.links().getFirst().aOut()).isEqualTo(Impairment.NONE);
    }
}
