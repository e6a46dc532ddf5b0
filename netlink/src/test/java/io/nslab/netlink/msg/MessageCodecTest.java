package io.nslab.netlink.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    /** An NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK and NETLINK_EXT_ACK on. */
    static byte[] extAckError(int errno, int seq, String text) {
        MessageBuilder b = new MessageBuilder();
        int m = b.beginMessage(MessageType.ERROR, NetlinkFlags.CAPPED | NetlinkFlags.ACK_TLVS, seq);
        b.u32(-errno);
        b.u32(36).u16(MessageType.RTM_NEWROUTE).u16(0x605).u32(seq).u32(0);
        b.attrString(NetlinkError.ATTR_MSG, text);
        b.attrU32(NetlinkError.ATTR_OFFS, 28);
        b.endMessage(m);
        return b.toByteArray();
    }

    @Test
    void errorWithExtendedAckCarriesTheKernelsMessage() {
        byte[] wire = extAckError(22, 9, "Nexthop has invalid gateway");
        Message m = Message.parseAll(ByteBuffer.wrap(wire)).getFirst();

        NetlinkError e = NetlinkError.parse(m);

        assertThat(e.errno()).isEqualTo(22);
        assertThat(e.isAck()).isFalse();
        assertThat(e.request().seq()).isEqualTo(9);
        assertThat(e.request().type()).isEqualTo(MessageType.RTM_NEWROUTE);
        assertThat(e.extAckMessage()).contains("Nexthop has invalid gateway");
        assertThat(e.extAckOffset()).isEqualTo(28);
    }

    @Test
    void uncappedErrorSkipsTheEchoedRequestBeforeTheTlvs() {
        MessageBuilder b = new MessageBuilder();
        int m = b.beginMessage(MessageType.ERROR, NetlinkFlags.ACK_TLVS, 5);
        b.u32(-17);
        // the whole 24-byte request is echoed: header + 8 bytes of payload
        b.u32(24).u16(MessageType.RTM_NEWADDR).u16(0x605).u32(5).u32(0).u32(0xdeadbeef).u32(0xdeadbeef);
        b.attrString(NetlinkError.ATTR_MSG, "exists");
        b.endMessage(m);

        NetlinkError e = NetlinkError.parse(Message.parseAll(ByteBuffer.wrap(b.toByteArray())).getFirst());

        assertThat(e.errno()).isEqualTo(17);
        assertThat(e.extAckMessage()).contains("exists");
    }

    @Test
    void plainAckHasNoMessage() {
        MessageBuilder b = new MessageBuilder();
        int m = b.beginMessage(MessageType.ERROR, NetlinkFlags.CAPPED, 3);
        b.u32(0).u32(16).u16(MessageType.RTM_NEWLINK).u16(5).u32(3).u32(0);
        b.endMessage(m);

        NetlinkError e = NetlinkError.parse(Message.parseAll(ByteBuffer.wrap(b.toByteArray())).getFirst());

        assertThat(e.isAck()).isTrue();
        assertThat(e.extAckMessage()).isEmpty();
        assertThat(e.extAckOffset()).isEqualTo(-1);
    }

    @Test
    void datagramWithSeveralMessagesSplitsAtAlignedBoundaries() {
        MessageBuilder b = new MessageBuilder();
        for (int seq = 1; seq <= 3; seq++) {
            int m = b.beginMessage(MessageType.RTM_NEWLINK, NetlinkFlags.MULTI, seq);
            b.u8(seq); // odd payload length forces padding
            b.endMessage(m);
        }
        int done = b.beginMessage(MessageType.DONE, NetlinkFlags.MULTI, 4);
        b.u32(0);
        b.endMessage(done);

        List<Message> messages = Message.parseAll(ByteBuffer.wrap(b.toByteArray()));

        assertThat(messages).extracting(m -> m.header().seq()).containsExactly(1, 2, 3, 4);
        assertThat(messages.get(1).header().length()).isEqualTo(17);
        assertThat(messages.get(1).body().get(0)).isEqualTo((byte) 2);
        assertThat(messages.getLast().type()).isEqualTo(MessageType.DONE);
    }

    @Test
    void headerClaimingMoreThanTheDatagramIsRejected() {
        ByteBuffer bad = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(0, 64);
        assertThatThrownBy(() -> Message.parseAll(bad)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("claims 64 bytes");
    }

    @Test
    void nestedAttributesAndFlagBitsInTypes() {
        MessageBuilder b = new MessageBuilder();
        int outer = b.beginNested(Ifla.LINKINFO | 0x8000); // NLA_F_NESTED
        b.attrChars(Ifla.INFO_KIND, "veth");
        int data = b.beginNested(Ifla.INFO_DATA);
        b.attrU32(7, 42);
        b.endNested(data);
        b.endNested(outer);
        b.attrString(Ifla.IFNAME, "eth0");

        Attributes a = Attributes.parse(ByteBuffer.wrap(b.toByteArray()));

        assertThat(a.nested(Ifla.LINKINFO).string(Ifla.INFO_KIND)).contains("veth");
        assertThat(a.nested(Ifla.LINKINFO).nested(Ifla.INFO_DATA).u32(7, 0)).isEqualTo(42);
        assertThat(a.string(Ifla.IFNAME)).contains("eth0");
        assertThat(a.bytes(Ifla.IFNAME).orElseThrow()).isEqualTo("eth0\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.has(Ifla.MTU)).isFalse();
        assertThat(a.u32(Ifla.MTU, -1)).isEqualTo(-1);
    }

    @Test
    void fixedHeadersRoundTrip() {
        MessageBuilder b = new MessageBuilder();
        new RtMsg(10, 64, 0, 0, 254, 4, 253, 7, 0x1004).writeTo(b);
        new NdMsg(2, 9, 0x80, 0x8, 1).writeTo(b);
        new IfAddrMsg(2, 24, 0x80, 253, 1234567).writeTo(b);
        new IfInfoMsg(0, 1, 3, 0x11043, 0x1).writeTo(b);
        ByteBuffer in = ByteBuffer.wrap(b.toByteArray()).order(ByteOrder.nativeOrder());

        assertThat(RtMsg.read(in)).isEqualTo(new RtMsg(10, 64, 0, 0, 254, 4, 253, 7, 0x1004));
        in.position(RtMsg.SIZE);
        assertThat(NdMsg.read(in)).isEqualTo(new NdMsg(2, 9, 0x80, 0x8, 1));
        in.position(RtMsg.SIZE + NdMsg.SIZE);
        assertThat(IfAddrMsg.read(in)).isEqualTo(new IfAddrMsg(2, 24, 0x80, 253, 1234567));
        in.position(RtMsg.SIZE + NdMsg.SIZE + IfAddrMsg.SIZE);
        assertThat(IfInfoMsg.read(in)).isEqualTo(new IfInfoMsg(0, 1, 3, 0x11043, 0x1));
    }
}
