package io.nslab.netlink;

import io.nslab.netlink.msg.Ifa;

/**
 * An interface address, as {@code ip addr} shows and takes it.
 *
 * @param index   interface index
 * @param prefix  the address and its prefix length, {@code 10.0.0.1/24}
 * @param scope   {@link Scope} value
 * @param flags   IFA_F_* flags ({@link Ifa#F_NODAD}, {@link Ifa#F_PERMANENT}, ...)
 * @param label   IPv4 label (e.g. {@code eth0:1}), empty when none
 */
public record AddressInfo(int index, IpPrefix prefix, int scope, int flags, String label) {

    public AddressInfo {
        label = label == null ? "" : label;
    }

    /** An address to add: {@code AddressInfo.of(2, "10.0.0.1/24")}, global scope, no flags. */
    public static AddressInfo of(int index, String prefix) {
        return new AddressInfo(index, IpPrefix.parse(prefix), Scope.UNIVERSE, 0, "");
    }

    public static AddressInfo of(int index, IpPrefix prefix) {
        return new AddressInfo(index, prefix, Scope.UNIVERSE, 0, "");
    }

    /** IPv6 without duplicate address detection: usable at once instead of "tentative" for a second or two. */
    public AddressInfo nodad() {
        return withFlags(flags | Ifa.F_NODAD);
    }

    public AddressInfo withFlags(int newFlags) {
        return new AddressInfo(index, prefix, scope, newFlags, label);
    }

    public AddressInfo withScope(int newScope) {
        return new AddressInfo(index, prefix, newScope, flags, label);
    }

    public int family() {
        return prefix.family();
    }

    public boolean isTentative() {
        return (flags & Ifa.F_TENTATIVE) != 0;
    }
}
