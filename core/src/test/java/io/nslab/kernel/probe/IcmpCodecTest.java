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
}
