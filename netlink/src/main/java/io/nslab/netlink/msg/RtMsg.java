package io.nslab.netlink.msg;

import java.nio.ByteBuffer;

/**
 * {@code struct rtmsg}: the fixed header of route messages.
 *
 * @param family   {@code AF_INET} or {@code AF_INET6}
 * @param dstLen   destination prefix length
 * @param srcLen   source prefix length
 * @param tos      TOS filter
 * @param table    routing table id, or {@code RT_TABLE_UNSPEC} when it travels in {@code RTA_TABLE}
 * @param protocol RTPROT_* (who installed the route)
 * @param scope    RT_SCOPE_*
 * @param type     RTN_* route type
 * @param flags    RTM_F_* and RTNH_F_* flags
 */
public record RtMsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope, int type,
                    int flags) {
    public static final int SIZE = 12;

    public void writeTo(MessageBuilder b) {
        b.u8(family).u8(dstLen).u8(srcLen).u8(tos).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    public static RtMsg read(ByteBuffer in) {
        int p = in.position();
        return new RtMsg(u8(in, p), u8(in, p + 1), u8(in, p + 2), u8(in, p + 3), u8(in, p + 4), u8(in, p + 5),
                u8(in, p + 6), u8(in, p + 7), in.getInt(p + 8));
    }

    private static int u8(ByteBuffer in, int at) {
        return Byte.toUnsignedInt(in.get(at));
    }
}
