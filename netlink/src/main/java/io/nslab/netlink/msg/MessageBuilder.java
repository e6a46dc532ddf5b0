package io.nslab.netlink.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends netlink messages, fixed headers and (nested) attributes to a growing buffer in host byte order.
 * Several messages appended one after another form a batch that the kernel processes in one {@code sendmsg}.
 *
 * <pre>{@code
 * var b = new MessageBuilder();
 * int msg = b.beginMessage(MessageType.RTM_NEWLINK, NetlinkFlags.REQUEST | NetlinkFlags.ACK, 7);
 * new IfInfoMsg(0, 0, 3, IfInfoMsg.IFF_UP, IfInfoMsg.IFF_UP).writeTo(b);
 * b.endMessage(msg);
 * byte[] wire = b.toByteArray();
 * }</pre>
 */
public final class MessageBuilder {
    /** {@code sizeof(struct rtattr)} / {@code sizeof(struct nlattr)}. */
    public static final int ATTR_HEADER = 4;

    private ByteBuffer buf;

    public MessageBuilder() {
        this(512);
    }

    public MessageBuilder(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(64, initialCapacity)).order(ByteOrder.nativeOrder());
    }

    /** Rounds up to the 4-byte alignment of messages and attributes ({@code NLMSG_ALIGN}, {@code RTA_ALIGN}). */
    public static int align(int length) {
        return (length + 3) & ~3;
    }

    /** Starts a message; returns its offset, to pass to {@link #endMessage(int)}. */
    public int beginMessage(int type, int flags, int seq) {
        int start = buf.position();
        ensure(NetlinkHeader.SIZE);
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Writes the message's length and pads it to alignment. */
    public void endMessage(int start) {
        buf.putInt(start, buf.position() - start);
        pad();
    }

    public MessageBuilder u8(int value) {
        ensure(1);
        buf.put((byte) value);
        return this;
    }

    public MessageBuilder u16(int value) {
        ensure(2);
        buf.putShort((short) value);
        return this;
    }

    public MessageBuilder u32(int value) {
        ensure(4);
        buf.putInt(value);
        return this;
    }

    public MessageBuilder bytes(byte[] value) {
        ensure(value.length);
        buf.put(value);
        return this;
    }

    /** An attribute with a raw payload. */
    public MessageBuilder attr(int type, byte[] payload) {
        ensure(ATTR_HEADER + payload.length + 3);
        buf.putShort((short) (ATTR_HEADER + payload.length)).putShort((short) type).put(payload);
        pad();
        return this;
    }

    public MessageBuilder attrU8(int type, int value) {
        return attr(type, new byte[] {(byte) value});
    }

    public MessageBuilder attrU16(int type, int value) {
        ensure(8);
        buf.putShort((short) 6).putShort((short) type).putShort((short) value);
        pad();
        return this;
    }

    /** A 16-bit attribute in network byte order, such as a UDP port. */
    public MessageBuilder attrBe16(int type, int value) {
        return attr(type, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public MessageBuilder attrU32(int type, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    /** A 32-bit attribute in network byte order, as nfnetlink ({@code NLA_BE32}) carries every integer. */
    public MessageBuilder attrBe32(int type, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) type)
                .putInt(buf.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value));
        return this;
    }

    /** A 64-bit attribute in network byte order, such as an nf_tables handle ({@code NLA_BE64}). */
    public MessageBuilder attrBe64(int type, long value) {
        return attr(type, ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(value).array());
    }

    /** A NUL-terminated string attribute, as the kernel's {@code NLA_STRING}/{@code NLA_NUL_STRING} expect. */
    public MessageBuilder attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    /** A string attribute without terminating NUL, as iproute2 sends {@code NLA_STRING}s such as IFLA_INFO_KIND. */
    public MessageBuilder attrChars(int type, String value) {
        return attr(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a nested attribute; returns its offset, to pass to {@link #endNested(int)}. */
    public int beginNested(int type) {
        ensure(ATTR_HEADER);
        int start = buf.position();
        buf.putShort((short) 0).putShort((short) type);
        return start;
    }

    public void endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
    }

    /** Bytes written so far. */
    public int size() {
        return buf.position();
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void pad() {
        int padding = align(buf.position()) - buf.position();
        ensure(padding);
        for (int i = 0; i < padding; i++) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            int capacity = Math.max(buf.capacity() * 2, buf.position() + more);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
            bigger.put(buf.array(), 0, buf.position());
            buf = bigger;
        }
    }
}
