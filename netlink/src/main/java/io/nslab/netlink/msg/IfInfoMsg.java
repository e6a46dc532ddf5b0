package io.nslab.netlink.msg;

import java.nio.ByteBuffer;

/**
 * {@code struct ifinfomsg}: the fixed header of link messages.
 *
 * @param family address family, {@code AF_UNSPEC} (0) for links
 * @param type   ARPHRD_* device type
 * @param index  interface index; 0 in a request means "by IFLA_IFNAME" or "new"
 * @param flags  IFF_* device flags
 * @param change mask of the flags a request changes
 */
public record IfInfoMsg(int family, int type, int index, int flags, int change) {
    public static final int SIZE = 16;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    /** An all-zero header, as dump requests and by-name requests use. */
    public static IfInfoMsg empty() {
        return new IfInfoMsg(0, 0, 0, 0, 0);
    }

    public static IfInfoMsg ofIndex(int index) {
        return new IfInfoMsg(0, 0, index, 0, 0);
    }

    public void writeTo(MessageBuilder b) {
        b.u8(family).u8(0).u16(type).u32(index).u32(flags).u32(change);
    }

    public static IfInfoMsg read(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get(in.position()));
        int type = Short.toUnsignedInt(in.getShort(in.position() + 2));
        int index = in.getInt(in.position() + 4);
        int flags = in.getInt(in.position() + 8);
        int change = in.getInt(in.position() + 12);
        return new IfInfoMsg(family, type, index, flags, change);
    }
}
