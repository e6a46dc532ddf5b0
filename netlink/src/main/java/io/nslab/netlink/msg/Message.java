package io.nslab.netlink.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message as received: its header and a read-only view of its payload (the bytes after the header).
 *
 * @param header  the message header
 * @param payload the payload, positioned at 0, in host byte order
 */
public record Message(NetlinkHeader header, ByteBuffer payload) {

    public Message {
        payload = payload.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    public int type() {
        return header.type();
    }

    /** A fresh view of the payload, so that callers can read it independently. */
    public ByteBuffer body() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    /**
     * Splits a datagram into its messages.
     *
     * @throws MalformedMessageException if a header's length does not fit the datagram
     */
    public static List<Message> parseAll(ByteBuffer datagram) {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        while (in.remaining() >= NetlinkHeader.SIZE) {
            int start = in.position();
            NetlinkHeader header = NetlinkHeader.read(in);
            if (header.length() < NetlinkHeader.SIZE || header.length() > in.limit() - start) {
                throw new MalformedMessageException(
                        "netlink message at offset " + start + " claims " + header.length()
                                + " bytes, " + (in.limit() - start) + " available");
            }
            ByteBuffer payload = in.slice(start + NetlinkHeader.SIZE, header.length() - NetlinkHeader.SIZE);
            messages.add(new Message(header, payload));
            in.position(Math.min(in.limit(), start + MessageBuilder.align(header.length())));
        }
        return messages;
    }
}
