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
    @ValueSource(strings = {"", ".", "..", "a/b", "a:b", "a b", "a\tb", "eth%d", "sixteen-bytes-xy", "ééééééééé", "a\u007fb",
        "a\u0085b", "a\u2003b"})
    void refusesInterfaceNamesTheKernelRefuses(String name) {
        assertThat(IfName.problem(name)).isNotNull();
        assertThatThrownBy(() -> IfName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAreEqualByTheirTextAndHashedAlike() {
        assertThat(IfName.of("v1")).isEqualTo(IfName.of("v1")).hasSameHashCodeAs(IfName.of("v1")).isNotEqualTo(IfName.of("v2"));
        assertThat(NamespaceRef.named("ns1")).isEqualTo(NamespaceRef.named("ns1")).hasSameHashCodeAs(NamespaceRef.named("ns1"))
                .isNotEqualTo(NamespaceRef.named("ns2"));
        assertThat((Object) NamespaceRef.named("v1")).isNotEqualTo(IfName.of("v1"));
    }

    @Property
    void interfaceNameLimitIsInBytes(@ForAll String name) {
        boolean fits = !name.isEmpty() && name.getBytes(StandardCharsets.UTF_8).length <= 15;
        if (!fits) {
            assertThat(IfName.problem(name)).isNotNull();
        }
    }

    @Property
    void namespaceNameLimitIsTheFileNamesInBytes(@ForAll String name) {
        String plain = name.replace('/', 'x').replace('\0', 'x');
        boolean fits = !plain.isEmpty() && !plain.equals(".") && !plain.equals("..")
                && plain.getBytes(StandardCharsets.UTF_8).length <= 255;
        assertThat(NamespaceRef.Named.problem(plain) == null).isEqualTo(fits);
    }

    @Test
    void namespaceNamesOfThreeAndFourByteCharactersAreMeasuredInBytes() {
        // 85 units of three bytes fit exactly; one more does not, nor 64 surrogate pairs (128 units, 256 bytes)
        assertThat(NamespaceRef.Named.problem("€".repeat(85))).isNull();
        assertThat(NamespaceRef.Named.problem("€".repeat(86))).contains("longer than 255 bytes");
        assertThat(NamespaceRef.Named.problem("😀".repeat(63) + "abc")).isNull();
        assertThat(NamespaceRef.Named.problem("😀".repeat(64))).contains("longer than 255 bytes");
        assertThat(NamespaceRef.Named.problem("a".repeat(255))).isNull();
        assertThat(NamespaceRef.Named.problem("a".repeat(256))).contains("longer than 255 bytes");
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

    @ParameterizedTest
    @ValueSource(strings = {"h1", "router-one", "r1.core.lab", "1host", "A", "a-b-c.d-e",
            "x23456789012345678901234567890123456789012345678901234567890123",
            "a234567890.b234567890.c234567890.d234567890.e234567890.f23456789"})
    void acceptsHostnamesOfRfc1123LabelsUpToTheKernelsLimit(String name) {
        assertThat(Hostname.problem(name)).isNull();
        assertThat(Hostname.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h_1", "-h", "h-", "a.-b", "a..b", ".a", "a.", "with space", "a;reboot", "$(id)", "`id`",
            "a\nb", "été", "'q'",
            "x234567890123456789012345678901234567890123456789012345678901234",
            "a234567890.b234567890.c234567890.d234567890.e234567890.f234567890"})
    void refusesHostnamesOutsideRfc1123OrTheKernelsLimit(String name) {
        assertThat(Hostname.problem(name)).isNotNull();
        assertThatThrownBy(() -> Hostname.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostnameProblemsSayWhatIsWrong() {
        assertThat(Hostname.problem("bad_host!")).isEqualTo(
                "hostname \"bad_host!\" is not valid: '_' is not allowed (letters, digits, '-', and '.' between labels)");
        assertThat(Hostname.problem("a".repeat(65))).endsWith("it is 65 bytes; the kernel allows at most 64");
        assertThat(Hostname.problem("a".repeat(64))).isEqualTo("hostname \"" + "a".repeat(64) + "\" is not valid: label \""
                + "a".repeat(64) + "\" is 64 characters; at most 63");
        assertThat(Hostname.problem("a..b")).endsWith("it has an empty label (a leading, trailing or doubled '.')");
        assertThat(Hostname.problem("r1-.lab")).endsWith("label \"r1-\" ends with '-'");
    }

    /** Whatever passes is a single shell word that means itself: no quoting, expansion or separator in it. */
    @Property
    void validHostnamesHoldNothingAShellWouldInterpret(@ForAll String name) {
        if (Hostname.problem(name) == null) {
            assertThat(name).matches("[A-Za-z0-9.-]{1,64}").doesNotStartWith("-");
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
