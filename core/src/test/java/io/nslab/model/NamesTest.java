package io.nslab.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v1_r", "eth0.10", "fifteen-bytes-x", "br-lan", "été"})
    void acceptsInterfaceNamesTheKernelAccepts(String name) {
        assertThat(IfName.problem(name)).isNull();
        assertThat(IfName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a:b", "a b", "a\tb", "eth%d", "sixteen-bytes-xy", "ééééééééé"})
    void refusesInterfaceNamesTheKernelRefuses(String name) {
        assertThat(IfName.problem(name)).isNotNull();
        assertThatThrownBy(() -> IfName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void interfaceNameLimitIsInBytes(@ForAll String name) {
        boolean fits = !name.isEmpty() && name.getBytes(StandardCharsets.UTF_8).length <= 15;
        if (!fits) {
            assertThat(IfName.problem(name)).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns1", "router", "r1.core", "h_1", "A-b"})
    void acceptsNodeNames(String name) {
        assertThat(NodeName.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../etc", "a/b", "-x", ".hidden", "with space", "ümlaut"})
    void refusesNodeNamesThatCannotNameANamespaceFile(String name) {
        assertThat(NodeName.problem(name)).isNotNull();
    }

    @Property
    void validNodeNamesAreNeverPaths(@ForAll String name) {
        if (NodeName.problem(name) == null) {
            assertThat(name).doesNotContain("/").isNotEqualTo("..").isNotEqualTo(".");
        }
    }

    @Test
    void macAddresses() {
        assertThat(MacAddress.parse("02:00:0A:0a:0a:02")).hasToString("02:00:0a:0a:0a:02");
        assertThat(MacAddress.parse("02-00-00-00-00-01").isMulticast()).isFalse();
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("ff:ff:ff:ff:ff:ff").isMulticast()).isTrue();
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:00:100")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routeTextIsWhatIpRouteAddTakes() {
        Route r = new Route(RouteType.UNICAST, IpPrefix.parse("10.10.20.0/24"), java.util.Optional.of(IpAddress.parse("10.10.10.1")),
                java.util.Optional.empty(), java.util.OptionalInt.of(5), java.util.Optional.empty(), false);
        assertThat(r).hasToString("10.10.20.0/24 via 10.10.10.1 metric 5");
        Route d = new Route(RouteType.BLACKHOLE, IpPrefix.parse("0.0.0.0/0"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.OptionalInt.empty(), java.util.Optional.empty(), false);
        assertThat(d).hasToString("blackhole default");
    }
}
