package io.nslab.netlink.msg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.IntRange;

class AttributePropertiesTest {

    @Property
    void rawAttributesRoundTripWithPadding(@ForAll @Size(max = 20) List<@Size(max = 40) byte[]> payloads) {
        MessageBuilder b = new MessageBuilder(8);
        for (int i = 0; i < payloads.size(); i++) {
            b.attr(i + 1, payloads.get(i));
        }
        assertThat(b.size() % 4).isZero();

        Attributes a = Attributes.parse(ByteBuffer.wrap(b.toByteArray()));

        for (int i = 0; i < payloads.size(); i++) {
            assertThat(a.bytes(i + 1)).hasValue(payloads.get(i));
        }
        assertThat(a.types()).hasSize(payloads.size());
    }

    @Property
    void messagesRoundTrip(@ForAll @IntRange(min = 16, max = 0xffff) int type, @ForAll int seq,
                           @ForAll @Size(max = 10) List<Integer> values) {
        MessageBuilder b = new MessageBuilder(8);
        int m = b.beginMessage(type, NetlinkFlags.REQUEST | NetlinkFlags.ACK, seq);
        IfInfoMsg.empty().writeTo(b);
        for (int i = 0; i < values.size(); i++) {
            b.attrU32(i + 1, values.get(i));
        }
        b.endMessage(m);

        Message msg = Message.parseAll(ByteBuffer.wrap(b.toByteArray())).getFirst();

        assertThat(msg.header()).isEqualTo(new NetlinkHeader(b.size(), type, 5, seq, 0));
        Attributes a = Attributes.after(msg.body(), IfInfoMsg.SIZE);
        for (int i = 0; i < values.size(); i++) {
            assertThat(a.u32(i + 1, 0)).isEqualTo(values.get(i));
        }
    }

    @Property
    void stringsSurviveWithoutTheirTerminator(@ForAll @Size(max = 30) String s) {
        String clean = s.replace("\0", "");
        MessageBuilder b = new MessageBuilder();
        b.attrString(1, clean);
        b.attrChars(2, clean);

        Attributes a = Attributes.parse(ByteBuffer.wrap(b.toByteArray()));

        assertThat(a.string(1)).contains(clean);
        assertThat(a.string(2)).contains(clean);
    }
}
