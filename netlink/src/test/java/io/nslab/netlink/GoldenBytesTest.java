package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.netlink.msg.NetlinkFlags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each request kind, encoded by this library, is byte for byte what iproute2 sends for the same command
 * (captured with strace; see src/test/resources/golden/iproute2-6.1.txt). No privilege needed.
 */
class GoldenBytesTest {
    private static final Map<String, byte[]> GOLDEN = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GoldenBytesTest.class.getResourceAsStream("/golden/iproute2-6.1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    GOLDEN.put(parts[0], HexFormat.of().parseHex(parts[1]));
                }
            }
        }
    }

    private static void assertSameAsIproute2(String name, Request request, int extraFlags) {
        byte[] expected = GOLDEN.get(name);
        int seq = ByteBuffer.wrap(expected).order(ByteOrder.nativeOrder()).getInt(8);
        assertThat(HexFormat.of().formatHex(request.bytes(seq, extraFlags)))
                .as(name + ": " + request.command())
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void linkGetByName() {
        assertSameAsIproute2("getlink", LinkCodec.get(LinkCodec.Ref.of("d0")), 0);
    }

    @Test
    void linkSetUp() {
        assertSameAsIproute2("linkup", LinkCodec.setFlags(LinkCodec.Ref.of(3), true), NetlinkFlags.ACK);
    }

    @Test
    void linkSetMtu() {
        assertSameAsIproute2("mtu", LinkCodec.setMtu(LinkCodec.Ref.of(3), 1400), NetlinkFlags.ACK);
    }

    @Test
    void linkSetMaster() {
        assertSameAsIproute2("master", LinkCodec.setMaster(LinkCodec.Ref.of(3), 4, "br0"), NetlinkFlags.ACK);
    }

    @Test
    void linkDelete() {
        assertSameAsIproute2("linkdel", LinkCodec.delete(LinkCodec.Ref.of(6)), NetlinkFlags.ACK);
    }

    @Test
    void bridgeAdd() {
        assertSameAsIproute2("bridge", LinkCodec.addBridge("br0"), NetlinkFlags.ACK);
    }

    @Test
    void vethAdd() {
        assertSameAsIproute2("veth", LinkCodec.addVeth("v0", 0, "v1", 0, -1, null), NetlinkFlags.ACK);
    }

    @Test
    void ipv4AddressAdd() {
        assertSameAsIproute2("addr4", AddressCodec.add(AddressInfo.of(3, "10.0.0.1/24")), NetlinkFlags.ACK);
    }

    @Test
    void ipv6AddressAddNodad() {
        assertSameAsIproute2("addr6", AddressCodec.add(AddressInfo.of(3, "2001:db8::1/64").nodad()),
                NetlinkFlags.ACK);
    }

    @Test
    void addressDelete() {
        assertSameAsIproute2("addrdel", AddressCodec.delete(AddressInfo.of(3, "10.0.0.1/24")), NetlinkFlags.ACK);
    }

    @Test
    void routeAddViaGateway() {
        RouteInfo route = RouteInfo.to("10.1.0.0/16").via("10.0.0.2").dev(3).metric(7);
        assertSameAsIproute2("route4", RouteCodec.add(route), NetlinkFlags.ACK);
    }

    @Test
    void blackholeRouteAdd() {
        assertSameAsIproute2("routebh", RouteCodec.add(RouteInfo.to("10.9.0.0/16").type(RouteType.BLACKHOLE)),
                NetlinkFlags.ACK);
    }

    @Test
    void routeGet() {
        assertSameAsIproute2("routeget", RouteCodec.get(IpPrefix.parseAddress("10.1.2.3")), 0);
    }

    @Test
    void neighbourAdd() {
        assertSameAsIproute2("neigh",
                NeighbourCodec.add(NeighbourInfo.permanent(3, "10.0.0.9", "02:00:00:00:00:09"), false),
                NetlinkFlags.ACK);
    }
}
