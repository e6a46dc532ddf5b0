package io.nslab.fidelity;

import io.nslab.model.Lab;
import io.nslab.model.RouteType;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shrinking a drawn lab keeps what makes it fail and drops the rest: here "fails" is "some node has a prohibit
 * route", which needs one node with one route, and the minimum a lab has is two nodes and one link.
 */
class ShrinkerTest {
    private static final Predicate<Blueprint> PROHIBIT = b -> BlueprintLab.build(b, "t").nodes().values().stream()
            .anyMatch(n -> n.routes().stream().anyMatch(r -> r.type() == RouteType.PROHIBIT));

    @Test
    void shrinksToTheSmallestLabThatStillFails() {
        long seed = LongStream.range(0, 1000).filter(s -> PROHIBIT.test(FidelityRun.draw(s).value())).findFirst().orElseThrow();
        Lab drawn = FidelityRun.lab(seed);
        Blueprint small = OutsideProperty.run(() -> Shrinker.shrink(FidelityRun.draw(seed), PROHIBIT, 30_000));
        Lab lab = BlueprintLab.build(small, "t");
        assertThat(PROHIBIT.test(small)).isTrue();
        assertThat(lab.nodes()).hasSize(2);
        assertThat(lab.links()).hasSize(1);
        assertThat(lab.routeCount()).isEqualTo(1);
        assertThat(drawn.routeCount() + drawn.links().size()).isGreaterThan(2);
    }
}
