package io.nslab.model.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    @Test
    void suggestsTheClosestKnownWord() {
        assertThat(Suggestions.closest("forwading", List.of("forwarding", "routes", "bridges"))).hasValue("forwarding");
        assertThat(Suggestions.closest("nodez", List.of("name", "nodes", "links"))).hasValue("nodes");
        assertThat(Suggestions.closest("mut", List.of("mtu", "endpoints"))).hasValue("mtu");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggestions.closest("iface", List.of("node", "interface", "addresses"))).isEmpty();
        assertThat(Suggestions.hint("zzzzzz", List.of("routes"))).isEmpty();
    }

    @Test
    void transpositionCountsOnce() {
        assertThat(Suggestions.distance("ruotes", "routes")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
