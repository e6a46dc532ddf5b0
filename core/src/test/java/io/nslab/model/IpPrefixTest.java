package io.nslab.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpPrefixTest {

    @Test
    void keepsHostBitsOfInterfaceAddresses() {
        IpPrefix p = IpPrefix.parse("10.10.10.2/24");
        assertThat(p.address()).hasToString("10.10.10.2");
        assertThat(p.hasHostBits()).isTrue();
        assertThat(p.network()).hasToString("10.10.10.0/24");
        assertThat(p.network().hasHostBits()).isFalse();
    }

    @Test
    void equalWhenAddressAndLengthAreAndHashedAlike() {
        IpPrefix p = IpPrefix.parse("10.10.10.2/24");
        assertThat(p).isEqualTo(IpPrefix.parse("10.10.10.2/24")).hasSameHashCodeAs(IpPrefix.parse("10.10.10.2/24"));
        assertThat(p).isNotEqualTo(IpPrefix.parse("10.10.10.2/25"));
        assertThat(p).isNotEqualTo(IpPrefix.parse("10.10.10.3/24"));
        assertThat(p).isNotEqualTo(p.address());
        assertThat(IpPrefix.parse("::/0")).isNotEqualTo(IpPrefix.parse("0.0.0.0/0"));
    }

    @Test
    void bareAddressIsAHostPrefix() {
        assertThat(IpPrefix.parse("10.0.0.1")).hasToString("10.0.0.1/32");
        assertThat(IpPrefix.parse("fd00::1")).hasToString("fd00::1/128");
        assertThat(IpPrefix.parse("10.0.0.1").isHost()).isTrue();
    }

    @Test
    void containsAndOverlaps() {
        IpPrefix p = IpPrefix.parse("10.10.0.0/16");
        assertThat(p.contains(IpAddress.parse("10.10.200.1"))).isTrue();
        assertThat(p.contains(IpAddress.parse("10.11.0.1"))).isFalse();
        assertThat(p.contains(IpAddress.parse("fd00::1"))).isFalse();
        assertThat(p.overlaps(IpPrefix.parse("10.10.5.0/24"))).isTrue();
        assertThat(p.overlaps(IpPrefix.parse("10.0.0.0/8"))).isTrue();
        assertThat(p.overlaps(IpPrefix.parse("10.11.0.0/16"))).isFalse();
        assertThat(IpPrefix.defaultRoute(Family.INET).contains(IpAddress.parse("1.2.3.4"))).isTrue();
        assertThat(IpPrefix.parse("fd00:1::/64").contains(IpAddress.parse("fd00:1::ffff"))).isTrue();
        assertThat(IpPrefix.parse("fd00:1::/64").contains(IpAddress.parse("fd00:2::1"))).isFalse();
    }

    @Test
    void netmaskAsRouteDashNPrintsIt() {
        assertThat(IpPrefix.parse("10.10.20.0/24").netmask()).hasToString("255.255.255.0");
        assertThat(IpPrefix.parse("0.0.0.0/0").netmask()).hasToString("0.0.0.0");
        assertThat(IpPrefix.parse("10.0.0.1/32").netmask()).hasToString("255.255.255.255");
    }

    @Test
    void refusesBadLengths() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessageContaining("over 32");
        assertThatThrownBy(() -> IpPrefix.parse("fd00::/129")).hasMessageContaining("over 128");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/-1")).hasMessageContaining("not a number");
    }

    /** ip reads /024 as octal, a /20 (seen with iproute2 6.1): a lab file refuses it rather than read /24. */
    @Test
    void refusesALengthWithALeadingZero() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.7/024"))
                .hasMessage("prefix length \"024\" has a leading zero: ip would read it as octal (20); write it without the zero");
        assertThatThrownBy(() -> IpPrefix.parse("fd00::/064")).hasMessageContaining("\"064\" has a leading zero");
        assertThat(IpPrefix.parse("0.0.0.0/0").length()).isZero();
    }
}
