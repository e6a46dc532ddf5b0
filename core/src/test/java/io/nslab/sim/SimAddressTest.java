package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.state.AddressScope;
import io.nslab.state.LinkKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SimAddress writes out its equals and hashCode (the generated ones run through method handles): they must be the
 * generated pair's, value for value, so that no hash set of addresses changes its order.
 */
class SimAddressTest {
    private static final SimLink[] DEVICES = {
        new SimLink(null, 2, IfName.of("eth0"), LinkKind.VETH, 1500, new MacAddress(2)),
        new SimLink(null, 3, IfName.of("eth1"), LinkKind.VETH, 1500, new MacAddress(3))};
    private static final IpPrefix[] PREFIXES = {IpPrefix.parse("10.0.0.1/24"), IpPrefix.parse("10.0.0.1/25"),
        IpPrefix.parse("fd00::1/64")};

    /** The same components in a record whose pair the compiler generates. */
    private record Generated(SimLink dev, IpPrefix prefix, AddressScope scope, boolean secondary) {
    }

    @Property(tries = 300)
    void equalsAndHashCodeAreTheGeneratedOnes(@ForAll("addresses") SimAddress a, @ForAll("addresses") SimAddress b) {
        assertThat(a.hashCode()).isEqualTo(twin(a).hashCode());
        assertThat(a.equals(b)).isEqualTo(twin(a).equals(twin(b)));
        assertThat(a.equals(new SimAddress(a.dev(), a.prefix(), a.scope(), a.secondary()))).isTrue();
        assertThat(a.equals(twin(a))).isFalse();
    }

    private static Generated twin(SimAddress a) {
        return new Generated(a.dev(), a.prefix(), a.scope(), a.secondary());
    }

    @Provide
    Arbitrary<SimAddress> addresses() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(DEVICES).injectNull(0.2), Arbitraries.of(PREFIXES).injectNull(0.2),
                Arbitraries.of(AddressScope.class).injectNull(0.2), Arbitraries.of(true, false)).as(SimAddress::new);
    }
}
