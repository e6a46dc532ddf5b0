package io.nslab.netlink.msg;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr}: the 16-byte header in front of every netlink message.
 *
 * @param length total length of the message, header included, before alignment padding
 * @param type   message type, see {@link MessageType}
 * @param flags  {@link NetlinkFlags} bits
 * @param seq    sequence number chosen by the sender; replies carry the request's
 * @param portId sender port id; 0 for messages to or from the kernel
 */
public record NetlinkHeader(int length, int type, int flags, int seq, int portId) {

    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int SIZE = 16;

    /** Reads a header at the buffer's position and advances past it. */
    public static NetlinkHeader read(ByteBuffer buffer) {
        int length = buffer.getInt();
        int type = Short.toUnsignedInt(buffer.getShort());
        int flags = Short.toUnsignedInt(buffer.getShort());
        int seq = buffer.getInt();
        int portId = buffer.getInt();
        return new NetlinkHeader(length, type, flags, seq, portId);
    }

    /** True when every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }
}
