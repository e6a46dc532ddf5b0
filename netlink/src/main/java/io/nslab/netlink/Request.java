package io.nslab.netlink;

import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkFlags;
import java.util.function.Consumer;

/**
 * One request ready to encode: type, flags (NLM_F_REQUEST is implied), the equivalent {@code ip} command for
 * error reports, and the writer of its fixed header and attributes.
 */
record Request(int type, int flags, String command, Consumer<MessageBuilder> body) {

    /** Appends the message with this sequence number; {@code extraFlags} adds NLM_F_ACK or NLM_F_DUMP. */
    void encode(MessageBuilder b, int seq, int extraFlags) {
        int start = b.beginMessage(type, NetlinkFlags.REQUEST | flags | extraFlags, seq);
        body.accept(b);
        b.endMessage(start);
    }

    /** The bytes of this request alone, as a test or a trace would see them. */
    byte[] bytes(int seq, int extraFlags) {
        MessageBuilder b = new MessageBuilder();
        encode(b, seq, extraFlags);
        return b.toByteArray();
    }

    String typeName() {
        return MessageType.name(type);
    }
}
