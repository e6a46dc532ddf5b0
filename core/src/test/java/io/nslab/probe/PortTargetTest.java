package io.nslab.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortTargetTest {
    @Test
    void thePortFollowsTheLastColon() {
        assertThat(PortTarget.parse("ns2:80")).isEqualTo(new PortTarget("ns2", 80, 4));
        assertThat(PortTarget.parse("ns2:eth0:443")).isEqualTo(new PortTarget("ns2:eth0", 443, 9));
        assertThat(PortTarget.parse("10.0.2.2:53")).isEqualTo(new PortTarget("10.0.2.2", 53, 9));
        assertThat(PortTarget.parse("[fd00::2]:80")).isEqualTo(new PortTarget("fd00::2", 80, 10));
    }

    @Test
    void anIpv6AddressWithoutBracketsOrAPortOutOfRangeIsRefusedWithTheFix() {
        assertThatThrownBy(() -> PortTarget.parse("fd00::2:80")).hasMessageContaining("[fd00::2]:80");
        assertThatThrownBy(() -> PortTarget.parse("ns2")).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> PortTarget.parse("ns2:0")).hasMessageContaining("not in 1-65535");
        assertThatThrownBy(() -> PortTarget.parse("ns2:http")).hasMessageContaining("not a number");
    }

    @Test
    void icmpErrorsMapToOutcomesAsTheSocketSeesThem() {
        assertThat(PortOutcome.ofIcmp(IcmpErrorKind.PORT_UNREACHABLE, PortProtocol.TCP)).isEqualTo(PortOutcome.REFUSED);
        assertThat(PortOutcome.ofIcmp(IcmpErrorKind.PORT_UNREACHABLE, PortProtocol.UDP)).isEqualTo(PortOutcome.CLOSED);
        assertThat(PortOutcome.ofIcmp(IcmpErrorKind.PACKET_FILTERED, PortProtocol.TCP)).isEqualTo(PortOutcome.FILTERED);
        assertThat(PortOutcome.ofIcmp(IcmpErrorKind.HOST_UNREACHABLE, PortProtocol.UDP)).isEqualTo(PortOutcome.UNREACHABLE);
        assertThat(PortOutcome.of(PortProtocol.UDP)).extracting(PortOutcome::word).containsExactly("open", "closed", "filtered", "unreachable");
    }
}
