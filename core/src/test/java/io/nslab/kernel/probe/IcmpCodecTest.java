package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire format without privilege: packets as a raw socket reads them, laid out by hand after RFC 791 and 792. */
class IcmpCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void echoRequestHasAValidChecksumAndIpUtilsFill() {
        byte[] m = IcmpCodec.echoRequest(0x1234, 7, 56);
        assertThat(m).hasSize(64);
        assertThat(m[0]).isEqualTo((byte) 8);
        assertThat(m[4] & 0xff).isEqualTo(0x12);
        assertThat(m[7]).isEqualTo((byte) 7);
        assertThat(IcmpCodec.checksum(m, 0, m.length)).as("a message with its checksum sums to zero").isZero();
        assertThat(IcmpCodec.checksum(IcmpCodec.echoRequest(1, 1, 3), 0, 11)).isZero(); // odd length
    }

    @Test
    void readsAnEchoReplyWithItsTtl() {
        // IPv4 20 bytes, ttl 63, 10.10.20.2 -> 10.10.10.2; ICMP echo reply id 0x1234 seq 1, 4 data bytes
        byte[] p = hex("4500 0020 0000 0000 3f01 0000 0a0a1402 0a0a0a02" + "0000 0000 1234 0001 00010203");
        assertThat(IcmpCodec.parse(p)).hasValue(
                new IcmpCodec.Incoming.EchoReply(IpAddress.parse("10.10.20.2"), 63, 0x1234, 1, 12));
    }

    @Test
    void readsTimeExceededQuotingOurRequest() {
        // from 10.0.12.1: type 11 code 0, quoting 10.0.1.10 -> 10.0.2.10 echo request id 0x0102 seq 2
        byte[] p = hex("4500 0038 0000 0000 4001 0000 0a000c01 0a00010a" + "0b00 0000 0000 0000"
                + "4500 0054 0000 4000 0101 0000 0a00010a 0a00020a" + "0800 0000 0102 0002");
        assertThat(IcmpCodec.parse(p)).hasValue(new IcmpCodec.Incoming.ErrorReport(IpAddress.parse("10.0.12.1"), 11, 0,
                IpAddress.parse("0.0.0.0"), IpAddress.parse("10.0.2.10"), 0x0102, 2));
    }

    @Test
    void readsARedirectsGateway() {
        byte[] p = hex("4500 0038 0000 0000 4001 0000 0a000001 0a000002" + "0501 0000 0a000003"
                + "4500 0054 0000 4000 3f01 0000 0a000002 0a090909" + "0800 0000 0001 0001");
        assertThat(IcmpCodec.parse(p)).hasValueSatisfying(m -> assertThat(((IcmpCodec.Incoming.ErrorReport) m).gateway())
                .isEqualTo(IpAddress.parse("10.0.0.3")));
    }

    @Test
    void ignoresWhatIsNotAboutAnEchoRequest() {
        // an error quoting a UDP datagram (traceroute's default mode), an echo request, a truncated packet
        assertThat(IcmpCodec.parse(hex("4500 0038 0000 0000 4001 0000 0a000c01 0a00010a" + "0b00 0000 0000 0000"
                + "4500 0054 0000 4000 0111 0000 0a00010a 0a00020a" + "8000 829a 0048 0000"))).isEmpty();
        assertThat(IcmpCodec.parse(hex("4500 0020 0000 0000 4001 0000 0a000001 0a000002" + "0800 0000 0001 0001 00000000")))
                .isEmpty();
        assertThat(IcmpCodec.parse(hex("4500 0038 0000 0000 4001 0000 0a000c01 0a00010a" + "0b00 0000 0000"))).isEmpty();
    }

    @Test
    void tracerouteMarksUnreachableCodes() {
        assertThat(KernelTrace.annotation(3, 1)).isEqualTo("!H");
        assertThat(KernelTrace.annotation(3, 0)).isEqualTo("!N");
        assertThat(KernelTrace.annotation(3, 13)).isEqualTo("!X");
        assertThat(KernelTrace.annotation(11, 0)).isEmpty();
    }

    /** The IPv6 header IcmpSocket puts in front: version 6, payload length, next header 58, hop limit, source, destination. */
    private static String v6Header(int payload, int hopLimit, String src, String dst) {
        return String.format("6000 0000 %04x 3a%02x ", payload, hopLimit) + src + " " + dst;
    }

    private static final String FD00_2_10 = "fd000002000000000000000000000010";
    private static final String FD00_1_10 = "fd000001000000000000000000000010";
    private static final String FD00_12_2 = "fd000012000000000000000000000002";

    @Test
    void echoRequest6LeavesTheChecksumToTheKernel() {
        byte[] m = IcmpCodec.echoRequest6(0x1234, 7, 56);
        assertThat(m).hasSize(64);
        assertThat(m[0] & 0xff).isEqualTo(128);
        assertThat(new byte[] {m[2], m[3]}).containsExactly(0, 0);
        assertThat(m[4] & 0xff).isEqualTo(0x12);
        assertThat(m[7]).isEqualTo((byte) 7);
    }

    @Test
    void readsAnIpv6EchoReplyWithItsHopLimit() {
        byte[] p = hex(v6Header(12, 62, FD00_2_10, FD00_1_10) + "8100 0000 1234 0001 00010203");
        assertThat(IcmpCodec.parse(p)).hasValue(
                new IcmpCodec.Incoming.EchoReply(IpAddress.parse("fd00:2::10"), 62, 0x1234, 1, 12));
    }

    @Test
    void readsAnIcmpv6ErrorQuotingOurRequest() {
        // from fd00:12::2: time exceeded (type 3 code 0), quoting fd00:1::10 -> fd00:2::10 echo request id 0x0102 seq 2
        byte[] p = hex(v6Header(8 + 40 + 8, 64, FD00_12_2, FD00_1_10) + "0300 0000 0000 0000"
                + v6Header(64, 1, FD00_1_10, FD00_2_10) + "8000 0000 0102 0002");
        assertThat(IcmpCodec.parse(p)).hasValue(new IcmpCodec.Incoming.ErrorReport(IpAddress.parse("fd00:12::2"), 3, 0,
                IpAddress.parse("::"), IpAddress.parse("fd00:2::10"), 0x0102, 2));
        // quoting something else than an echo request (a UDP datagram), or cut short: not ours
        assertThat(IcmpCodec.parse(hex(v6Header(8 + 40 + 8, 64, FD00_12_2, FD00_1_10) + "0300 0000 0000 0000"
                + v6Header(64, 1, FD00_1_10, FD00_2_10).replace("3a01", "1101") + "8000 0000 0102 0002"))).isEmpty();
        assertThat(IcmpCodec.parse(hex(v6Header(8 + 40, 64, FD00_12_2, FD00_1_10) + "0300 0000 0000 0000"
                + v6Header(64, 1, FD00_1_10, FD00_2_10)))).isEmpty();
        // an echo request (another prober's) is not an answer
        assertThat(IcmpCodec.parse(hex(v6Header(8, 64, FD00_2_10, FD00_1_10) + "8000 0000 1234 0001"))).isEmpty();
    }

    @Test
    void icmpv6ErrorsCountAsTheIpv4KindOfTheSameCase() {
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(1, 0)).hasValue(io.nslab.probe.IcmpErrorKind.NET_UNREACHABLE);
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(1, 1)).hasValue(io.nslab.probe.IcmpErrorKind.PACKET_FILTERED);
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(1, 3)).hasValue(io.nslab.probe.IcmpErrorKind.HOST_UNREACHABLE);
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(3, 0)).hasValue(io.nslab.probe.IcmpErrorKind.TTL_EXCEEDED);
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(3, 1)).isEmpty();
        assertThat(io.nslab.probe.IcmpErrorKind.ofIcmpv6(4, 0)).isEmpty();
    }
}
