package io.nslab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfBlockTest {
    private static final List<String> KEYS = List.of("forwarding", "rp_filter", "accept_local");

    @Test
    void aCopyKeepsItsValuesApartFromTheOriginal() {
        ConfBlock dflt = ConfBlock.of(KEYS, 0, 2, 0);
        ConfBlock dev = dflt.copy();
        dflt.put("rp_filter", 1);
        dev.put("forwarding", 1);
        assertThat(dflt.get("rp_filter", -9)).isEqualTo(1);
        assertThat(dflt.get("forwarding", -9)).isZero();
        assertThat(dev.get("rp_filter", -9)).isEqualTo(2);
        assertThat(dev.get("forwarding", -9)).isEqualTo(1);
    }

    @Test
    void keysComeInTheirOrderAndAnUnmodelledOneIsAbsent() {
        ConfBlock b = ConfBlock.of(KEYS, 1, 2, 3);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            seen.add(b.key(i) + "=" + b.value(i));
        }
        assertThat(seen).containsExactly("forwarding=1", "rp_filter=2", "accept_local=3");
        assertThat(b.has("proxy_arp")).isFalse();
        assertThat(b.get("proxy_arp", -9)).isEqualTo(-9);
        assertThatThrownBy(() -> b.put("proxy_arp", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfBlock.of(KEYS, 1, 2)).isInstanceOf(IllegalStateException.class);
    }
}
