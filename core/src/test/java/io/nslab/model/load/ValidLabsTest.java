package io.nslab.model.load;

import io.nslab.model.Bridge;
import io.nslab.model.Check;
import io.nslab.model.Endpoint;
import io.nslab.model.Expectation;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceKind;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ValidLabsTest {
    static final Path EXAMPLES = Path.of("../examples");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleLoads(Path example) {
        Lab lab = LabLoader.load(example);
        assertThat(lab.nodes()).isNotEmpty();
        assertThat(lab.checks()).isNotEmpty();
    }

    @Test
    void seedIsTheTutorialsNetwork() {
        Lab lab = LabLoader.load(EXAMPLES.resolve("seed.yaml"));
        assertThat(lab.name()).isEqualTo("seed");
        assertThat(lab.nodes().keySet()).extracting(NodeName::value).containsExactly("ns1", "router", "ns2");
        assertThat(lab.netnsOf(NodeName.of("ns1"))).isEqualTo(io.nslab.model.NamespaceRef.named("ns1"));
        assertThat(lab.links()).extracting(l -> l.label()).containsExactly("ns1:v1 -- router:v1_r", "ns2:v2 -- router:v2_r");
        Node router = lab.node(NodeName.of("router")).orElseThrow();
        assertThat(router.sysctls()).containsExactly(Map.entry("net.ipv4.ip_forward", "1"));
        assertThat(router.forwardsIpv4()).isTrue();
        Node ns1 = lab.node(NodeName.of("ns1")).orElseThrow();
        assertThat(ns1.forwardsIpv4()).isFalse();
        assertThat(ns1.routes()).extracting(Route::toString).containsExactly("10.10.20.0/24 via 10.10.10.1");
        assertThat(ns1.loopback().up()).isTrue();
        Check first = lab.checks().getFirst();
        assertThat(first.from()).isEqualTo(NodeName.of("ns1"));
        assertThat(first.destination()).isEqualTo(IpAddress.parse("10.10.20.2"));
        assertThat(first.expect()).isEqualTo(Expectation.REPLY);
        assertThat(first.ttl()).hasValue(63);
        assertThat(lab.checks().get(2).destination()).as("a node target pings the node's first address")
                .isEqualTo(IpAddress.parse("10.10.10.1"));
    }

    @Test
    void defaultNetnsPrefixIsTheLabName() {
        Lab lab = LabLoader.load(EXAMPLES.resolve("chain.yaml"));
        assertThat(lab.netnsOf(NodeName.of("r1"))).isEqualTo(io.nslab.model.NamespaceRef.named("chain-r1"));
    }

    @Test
    void everyFeatureResolves() {
        Lab lab = LabLoader.load(Path.of("src/test/resources/labs/valid/all-features.yaml"));
        assertThat(lab.netnsPrefix()).isEqualTo("t-");
        Node h1 = lab.node(NodeName.of("h1")).orElseThrow();
        Node r1 = lab.node(NodeName.of("r1")).orElseThrow();
        Node h2 = lab.node(NodeName.of("h2")).orElseThrow();

        assertThat(h1.loopback().addresses()).extracting(Object::toString).containsExactly("192.0.2.1/32");
        assertThat(h2.loopback().up()).isFalse();
        assertThat(h1.routes()).extracting(Route::toString).containsExactly(
                "default via 10.0.0.254 metric 100",
                "198.51.100.0/24 via 10.0.0.254 dev eth0 src 10.0.0.1",
                "unreachable 10.8.0.0/16",
                "blackhole 10.9.9.0/24",
                "prohibit 10.7.0.0/16",
                "203.0.113.0/24 via 172.31.0.1 dev eth0 onlink",
                "fd00:2::/64 via fd00:1::fe");
        assertThat(h1.routes().get(2).type()).isEqualTo(RouteType.UNREACHABLE);

        assertThat(h1.sysctls()).containsExactly(
                Map.entry("net.ipv4.conf.all.rp_filter", "2"), Map.entry("net.ipv4.ip_default_ttl", "60"));
        assertThat(r1.sysctls()).containsEntry("net.ipv4.ip_forward", "1")
                .containsEntry("net.ipv6.conf.all.forwarding", "1")
                .containsEntry("net.ipv4.conf.all.rp_filter", "1")
                .containsEntry("net.ipv4.conf.br0.send_redirects", "0")
                .containsEntry("net.ipv4.conf.all.accept_local", "1")
                .containsEntry("net.ipv4.ip_default_ttl", "60");

        assertThat(h1.isolation().kinds()).containsExactly(NamespaceKind.UTS);
        assertThat(h1.isolation().hostname()).hasValue(io.nslab.model.Hostname.of("h1"));
        assertThat(r1.isolation().kinds()).hasSize(7);
        assertThat(r1.isolation().hostname()).hasValue(io.nslab.model.Hostname.of("router-one"));
        assertThat(r1.isolation().monotonicOffset()).isEqualTo(3600);
        assertThat(r1.isolation().boottimeOffset()).isEqualTo(-5);
        assertThat(h2.isolation().kinds()).isEmpty();

        Bridge br0 = r1.bridges().getFirst();
        assertThat(br0.name()).isEqualTo(IfName.of("br0"));
        assertThat(br0.ports()).extracting(IfName::value).containsExactly("p1", "p2");
        assertThat(br0.addresses()).extracting(Object::toString).containsExactly("10.0.0.254/24", "fd00:1::fe/64");
        assertThat(br0.mac()).get().hasToString("02:00:00:00:00:fe");

        Endpoint h1eth0 = lab.links().get(0).a();
        assertThat(h1eth0.addresses()).extracting(Object::toString).containsExactly("10.0.0.1/24", "fd00:1::1/64");
        assertThat(h1eth0.mtu()).hasValue(1400);
        assertThat(lab.links().get(0).b().addresses()).isEmpty();
        assertThat(lab.links().get(1).a().mtu()).as("link mtu beats the default").hasValue(9000);
        Endpoint spare = lab.links().get(2).a();
        assertThat(spare.up()).isFalse();
        assertThat(spare.mtu()).as("endpoint mtu beats the link's").hasValue(1280);

        assertThat(lab.checks()).hasSize(5);
        assertThat(lab.checks().get(0).destination()).isEqualTo(IpAddress.parse("10.0.0.2"));
        assertThat(lab.checks().get(1).count()).isEqualTo(3);
        assertThat(lab.checks().get(1).timeoutSeconds()).isEqualTo(0.5);
        assertThat(lab.checks().get(2).destination()).isEqualTo(IpAddress.parse("10.0.0.254"));
        assertThat(lab.checks().get(2).sendTtl()).hasValue(1);
        assertThat(lab.checks().get(3).destination()).isEqualTo(IpAddress.parse("fd00:1::fe"));
        assertThat(lab.checks().get(4).errorFrom()).hasValue(IpAddress.parse("10.0.0.254"));
    }

    @Test
    void nodeOverridesDefaults() {
        Lab lab = LabLoader.parse("t.yaml", """
                name: t
                defaults: {forwarding: true, loopback: down}
                nodes:
                  a: {}
                  b: {forwarding: false, loopback: up}
                """);
        assertThat(lab.node(NodeName.of("a")).orElseThrow().forwardsIpv4()).isTrue();
        assertThat(lab.node(NodeName.of("a")).orElseThrow().loopback().up()).isFalse();
        assertThat(lab.node(NodeName.of("b")).orElseThrow().forwardsIpv4()).isFalse();
        assertThat(lab.node(NodeName.of("b")).orElseThrow().loopback().up()).isTrue();
    }

    @Test
    void quotedRouteReportsColumnsInsideTheQuotes() {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(LabException.class, () -> LabLoader.parse("q.yaml", """
                name: q
                nodes:
                  a:
                    routes: ["10.1.0.0/16 via 10.9.9.9"]
                """));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.position().line()).isEqualTo(4);
            assertThat(p.position().column()).isEqualTo(31);
        });
    }
}
