package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nslab.netlink.msg.IfInfoMsg;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.Ifla;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void prefixesRejectImpossibleLengthsAndHostNames() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpPrefix.parse("example.com/24")).hasMessageContaining("not an IP address");
        assertThat(IpPrefix.parse("2001:db8::1").length()).isEqualTo(128);
        assertThat(IpPrefix.any(IpPrefix.AF_INET6).toString()).isEqualTo("0:0:0:0:0:0:0:0/0");
    }

    /** The JDK reads ::ffff:10.0.0.1 (text or bytes) as IPv4 10.0.0.1; the kernel keeps it IPv6, and so must we. */
    @Test
    void ipv4MappedAddressesStayIpv6() {
        IpPrefix p = IpPrefix.parse("::ffff:10.0.0.1/128");
        assertThat(p.address()).isInstanceOf(java.net.Inet6Address.class);
        assertThat(p.family()).isEqualTo(IpPrefix.AF_INET6);
        assertThat(IpPrefix.parse("::ffff:0:0/96").address().getAddress()).hasSize(16);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        assertThat(InetAddresses.of(mapped)).isInstanceOf(java.net.Inet6Address.class).isEqualTo(p.address());
        assertThat(InetAddresses.of(new byte[] {10, 0, 0, 1})).isInstanceOf(java.net.Inet4Address.class);
        assertThat(IpPrefix.parse("10.0.0.1").address()).isInstanceOf(java.net.Inet4Address.class);
    }

    @Test
    void macAddresses() {
        assertThat(MacAddress.parse("02:AB:00:00:00:09").toString()).isEqualTo("02:ab:00:00:00:09");
        assertThatThrownBy(() -> MacAddress.parse("02:00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routeScopeIsChosenLikeIproute2() {
        RouteInfo direct = RouteInfo.to("10.0.0.0/24").dev(2);
        assertThat(direct.effectiveScope(false)).isEqualTo(Scope.LINK);
        assertThat(direct.via("10.0.0.1").effectiveScope(false)).isEqualTo(Scope.UNIVERSE);
        assertThat(direct.effectiveScope(true)).isEqualTo(Scope.NOWHERE);
        assertThat(direct.type(RouteType.LOCAL).effectiveScope(false)).isEqualTo(Scope.HOST);
        assertThat(direct.scope(Scope.SITE).effectiveScope(true)).isEqualTo(Scope.SITE);
    }

    @Test
    void netlinkExceptionReadsLikeIproute2() {
        NetlinkException e = new NetlinkException("RTM_NEWROUTE", 22, "Nexthop has invalid gateway");
        assertThat(e).hasMessage("RTM_NEWROUTE: EINVAL (Invalid argument): Nexthop has invalid gateway.");
        assertThat(e.is(Errno.EINVAL)).isTrue();
        assertThat(e.extAck()).contains("Nexthop has invalid gateway");
        assertThat(new NetlinkException("RTM_NEWLINK", 17, null)).hasMessage("RTM_NEWLINK: EEXIST (File exists)");
        assertThat(new NativeException("setns(/run/netns/r1)", 1))
                .hasMessage("setns(/run/netns/r1): EPERM (Operation not permitted)");
    }

    @Test
    void batchExceptionListsEachFailureWithItsIndex() {
        var ok = new BatchResult(0, "ip link set a up", Optional.empty());
        var bad = new BatchResult(1, "ip link set b up", Optional.of(new NetlinkException("RTM_NEWLINK", 19, null)));
        BatchException e = new BatchException(java.util.List.of(ok, bad));
        assertThat(e).hasMessage("1 of 2 requests failed:\n  #1 ip link set b up: RTM_NEWLINK: ENODEV (No such device)");
        assertThat(e.failures()).containsExactly(bad);
    }

    @Test
    void linkRepliesDecode() {
        MessageBuilder b = new MessageBuilder();
        int m = b.beginMessage(MessageType.RTM_NEWLINK, 0, 1);
        new IfInfoMsg(0, 1, 5, IfInfoMsg.IFF_UP | IfInfoMsg.IFF_LOWER_UP, 0).writeTo(b);
        b.attrString(Ifla.IFNAME, "v0");
        b.attrU32(Ifla.MTU, 1500);
        b.attr(Ifla.ADDRESS, MacAddress.parse("02:00:00:00:00:05").bytes());
        b.attrU32(Ifla.MASTER, 4);
        b.attrU32(Ifla.LINK, 2);
        b.attrU32(Ifla.LINK_NETNSID, 0);
        b.attrU8(Ifla.OPERSTATE, 6);
        b.attrU8(Ifla.CARRIER, 1);
        int info = b.beginNested(Ifla.LINKINFO);
        b.attrChars(Ifla.INFO_KIND, "veth");
        b.endNested(info);
        b.endMessage(m);

        LinkInfo link = LinkCodec.parse(Message.parseAll(ByteBuffer.wrap(b.toByteArray())).getFirst());

        assertThat(link).isEqualTo(new LinkInfo(5, "v0", "veth", IfInfoMsg.IFF_UP | IfInfoMsg.IFF_LOWER_UP,
                OperState.UP, true, 1500, Optional.of(MacAddress.parse("02:00:00:00:00:05")), 4, 2,
                OptionalInt.of(0)));
        assertThat(link.isUp()).isTrue();
        assertThat(link.hasMaster()).isTrue();
    }

    @Test
    void sysctlKeysMapToPerNamespaceFilesOnly() {
        assertThat(Sysctls.path("net.ipv4.ip_forward")).isEqualTo(Path.of("/proc/sys/net/ipv4/ip_forward"));
        assertThat(Sysctls.path("net/ipv4/conf/eth0.100/forwarding"))
                .isEqualTo(Path.of("/proc/sys/net/ipv4/conf/eth0.100/forwarding"));
        assertThatThrownBy(() -> Sysctls.path("kernel.hostname")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sysctls.path("net/../kernel/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namespaceNamesAreValidated() {
        NamedNamespaces names = NamedNamespaces.at(Path.of("/nonexistent-nslab"));
        assertThatThrownBy(() -> names.open("a/b")).hasMessageContaining("invalid namespace name");
        assertThatThrownBy(() -> names.open("..")).hasMessageContaining("invalid namespace name");
        assertThat(names.list()).isEmpty();
    }
}
