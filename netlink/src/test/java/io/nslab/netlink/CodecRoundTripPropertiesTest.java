package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.netlink.msg.Message;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What we encode decodes to what we meant: the kernel echoes requests in the same format in its replies. */
class CodecRoundTripPropertiesTest {

    @Provide
    Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(raw -> {
                    try {
                        return InetAddress.getByAddress(raw);
                    } catch (UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Provide
    Arbitrary<RouteInfo> routes() {
        Arbitrary<IpPrefix> dst = addresses().flatMap(a -> Arbitraries.integers()
                .between(1, a.getAddress().length * 8).map(len -> new IpPrefix(a, len)));
        return Combinators.combine(dst, Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 100000), Arbitraries.of(1, 100, 254, 1000, 70000),
                        Arbitraries.of(RouteType.UNICAST, RouteType.BLACKHOLE, RouteType.UNREACHABLE,
                                RouteType.PROHIBIT), Arbitraries.of(true, false), Arbitraries.of(0, 200, 253))
                .as((d, oif, metric, table, type, onlink, scope) -> RouteInfo.to(d).dev(oif).metric(metric)
                        .table(table).type(type).onlink(onlink).scope(scope));
    }

    private static Message asReply(Request request) {
        return Message.parseAll(ByteBuffer.wrap(request.bytes(1, 0))).getFirst();
    }

    @Property
    void routes(@ForAll("routes") RouteInfo route) {
        assertThat(RouteCodec.parse(asReply(RouteCodec.add(route)))).isEqualTo(route);
    }

    @Property
    void routesWithGateway(@ForAll("addresses") InetAddress gw) {
        int len = gw.getAddress().length * 8;
        RouteInfo route = RouteInfo.to(new IpPrefix(gw, len)).via(gw).scope(Scope.UNIVERSE);
        assertThat(RouteCodec.parse(asReply(RouteCodec.replace(route)))).isEqualTo(route);
    }

    @Property
    void addresses(@ForAll("addresses") InetAddress address, @ForAll @IntRange(min = 1, max = 1 << 20) int index,
                   @ForAll @IntRange(max = 0x3ff) int flags) {
        int len = address.getAddress().length * 8 / 2;
        AddressInfo a = new AddressInfo(index, new IpPrefix(address, len), Scope.LINK, flags, "");
        assertThat(AddressCodec.parse(asReply(AddressCodec.add(a)))).isEqualTo(a);
    }

    @Property
    void neighbours(@ForAll("addresses") InetAddress address, @ForAll @IntRange(min = 0, max = (1 << 24) - 1) int mac) {
        NeighbourInfo n = new NeighbourInfo(3, address, Optional.of(new MacAddress(0x020000000000L | mac)), 0x80, 0);
        assertThat(NeighbourCodec.parse(asReply(NeighbourCodec.add(n, true)))).isEqualTo(n);
    }

    @Property
    void macAddressesPrintAndParse(@ForAll @IntRange(min = 0) int low, @ForAll @IntRange(max = 0xffff) int high) {
        MacAddress mac = new MacAddress(((long) high << 32) | Integer.toUnsignedLong(low));
        assertThat(MacAddress.parse(mac.toString())).isEqualTo(mac);
        assertThat(MacAddress.of(mac.bytes())).isEqualTo(mac);
    }

    @Property
    void prefixesPrintAndParse(@ForAll("addresses") InetAddress address, @ForAll @IntRange(max = 32) int len) {
        IpPrefix p = new IpPrefix(address, len);
        assertThat(IpPrefix.parse(p.toString())).isEqualTo(p);
    }
}
