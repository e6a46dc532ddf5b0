package io.nslab.netlink.msg;

import java.nio.ByteBuffer;

/**
 * {@code struct ifaddrmsg}: the fixed header of address messages.
 *
 * @param family    {@code AF_INET} (2) or {@code AF_INET6} (10)
 * @param prefixLen prefix length
 * @param flags     low 8 bits of the IFA_F_* flags (the rest travel in {@code IFA_FLAGS})
 * @param scope     RT_SCOPE_* value
 * @param index     interface index
 */
public record IfAddrMsg(int family, int prefixLen, int flags, int scope, int index) {
    public static final int SIZE = 8;

    public void writeTo(MessageBuilder b) {
        b.u8(family).u8(prefixLen).u8(flags).u8(scope).u32(index);
    }

    public static IfAddrMsg read(ByteBuffer in) {
        int p = in.position();
        return new IfAddrMsg(Byte.toUnsignedInt(in.get(p)), Byte.toUnsignedInt(in.get(p + 1)),
                Byte.toUnsignedInt(in.get(p + 2)), Byte.toUnsignedInt(in.get(p + 3)), in.getInt(p + 4));
    }
}
