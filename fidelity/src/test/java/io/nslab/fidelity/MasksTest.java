package io.nslab.fidelity;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PingEvent;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.OperState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The masks leave out exactly what docs/fidelity.md says, and nothing next to it. */
class MasksTest {

    private static LinkState veth(boolean up, boolean carrier, OperState state) {
        return new LinkState(2, IfName.of("e0"), LinkKind.VETH, up, carrier, state, 1500, new MacAddress(2), Optional.empty(),
                Optional.empty());
    }

    @Test
    void operStateWithoutCarrierIsOneValueOnlyForUpVeths() {
        assertThat(Masks.operState(veth(true, false, OperState.DOWN))).isEqualTo("DOWN|LOWERLAYERDOWN");
        assertThat(Masks.operState(veth(true, false, OperState.LOWERLAYERDOWN))).isEqualTo("DOWN|LOWERLAYERDOWN");
        assertThat(Masks.operState(veth(true, false, OperState.UNKNOWN))).isEqualTo("UNKNOWN");
        assertThat(Masks.operState(veth(false, false, OperState.DOWN))).isEqualTo("DOWN");
        assertThat(Masks.operState(veth(true, true, OperState.UP))).isEqualTo("UP");
    }

    @Test
    void redirectsAreLeftOutOtherErrorsAreNot() {
        IpAddress r = IpAddress.parse("10.0.0.1");
        assertThat(Masks.event(new PingEvent.Error(1, r, IcmpErrorKind.REDIRECT_HOST, Optional.of(r)))).isTrue();
        assertThat(Masks.event(new PingEvent.Error(1, r, IcmpErrorKind.HOST_UNREACHABLE, Optional.empty()))).isFalse();
        assertThat(Masks.event(new PingEvent.Reply(1, r, 64, 64, Duration.ZERO))).isFalse();
    }

    @Test
    void routeLinesLeftOutAreLinkLocalAnycastAndMulticastWithoutCarrier() {
        assertThat(Masks.routeLine("fe80::/64 dev e0 proto kernel metric 256 pref medium")).isTrue();
        assertThat(Masks.routeLine("anycast fd00:1:: dev e4 proto kernel metric 0 pref medium")).isTrue();
        assertThat(Masks.routeLine("multicast ff00::/8 dev br0 proto kernel metric 256 linkdown pref medium")).isTrue();
        assertThat(Masks.routeLine("multicast ff00::/8 dev e0 proto kernel metric 256 pref medium")).isFalse();
        assertThat(Masks.routeLine("fd00:1::/64 dev e0 proto kernel metric 256 linkdown pref medium")).isFalse();
        assertThat(Masks.routeLine("10.0.0.0/24 dev e0 proto kernel scope link src 10.0.0.1 linkdown")).isFalse();
    }
}
