package io.nslab.netlink.msg;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code NLMSG_ERROR}: the kernel's answer to a request sent with {@code NLM_F_ACK}, or to a failed one.
 * An {@code error} of 0 is a plain acknowledgement.
 *
 * @param error          0, or a negative errno
 * @param request        the header of the request this answers (its seq identifies it)
 * @param extAckMessage  the kernel's human-readable reason ({@code NLMSGERR_ATTR_MSG}), when it gave one
 * @param extAckOffset   offset in the request of the attribute the kernel blamed ({@code NLMSGERR_ATTR_OFFS}), or -1
 */
public record NetlinkError(int error, NetlinkHeader request, Optional<String> extAckMessage, int extAckOffset) {

    /** {@code sizeof(struct nlmsgerr)} when the echoed request is capped to its header. */
    public static final int SIZE = 4 + NetlinkHeader.SIZE;

    public static final int ATTR_MSG = 1;
    public static final int ATTR_OFFS = 2;

    public boolean isAck() {
        return error == 0;
    }

    /** The positive errno of a failure, 0 for an acknowledgement. */
    public int errno() {
        return -error;
    }

    /** Decodes the payload of an {@code NLMSG_ERROR} message. */
    public static NetlinkError parse(Message message) {
        ByteBuffer in = message.body();
        if (in.remaining() < SIZE) {
            throw new MalformedMessageException("NLMSG_ERROR of " + in.remaining() + " bytes");
        }
        int error = in.getInt();
        NetlinkHeader request = NetlinkHeader.read(in);
        if (!message.header().has(NetlinkFlags.ACK_TLVS)) {
            return new NetlinkError(error, request, Optional.empty(), -1);
        }
        // Without NETLINK_CAP_ACK the whole request is echoed before the TLVs.
        int tlvStart = message.header().has(NetlinkFlags.CAPPED)
                ? SIZE
                : 4 + MessageBuilder.align(request.length());
        ByteBuffer tlvs = message.body();
        tlvs.position(Math.min(tlvs.limit(), tlvStart));
        Attributes attrs = Attributes.parse(tlvs);
        return new NetlinkError(error, request, attrs.string(ATTR_MSG), attrs.u32(ATTR_OFFS, -1));
    }
}
