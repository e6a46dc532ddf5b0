package io.nslab.netlink.msg;

import java.nio.ByteBuffer;

/**
 * {@code struct ndmsg}: the fixed header of neighbour messages.
 *
 * @param family {@code AF_INET} or {@code AF_INET6}
 * @param index  interface index
 * @param state  NUD_* state bits
 * @param flags  NTF_* flags
 * @param type   RTN_* type
 */
public record NdMsg(int family, int index, int state, int flags, int type) {
    public static final int SIZE = 12;

    public void writeTo(MessageBuilder b) {
        b.u8(family).u8(0).u16(0).u32(index).u16(state).u8(flags).u8(type);
    }

    public static NdMsg read(ByteBuffer in) {
        int p = in.position();
        return new NdMsg(Byte.toUnsignedInt(in.get(p)), in.getInt(p + 4), Short.toUnsignedInt(in.getShort(p + 8)),
                Byte.toUnsignedInt(in.get(p + 10)), Byte.toUnsignedInt(in.get(p + 11)));
    }
}
