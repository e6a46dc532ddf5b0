package io.nslab.netlink;

import io.nslab.netlink.msg.IfInfoMsg;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network device as {@code ip -d link show} describes it.
 *
 * @param index        interface index
 * @param name         interface name
 * @param kind         {@code IFLA_INFO_KIND}: "veth", "bridge", "vxlan", ... or empty for devices without one (lo)
 * @param flags        IFF_* flags ({@link IfInfoMsg#IFF_UP}, ...)
 * @param state        operational state
 * @param carrier      whether the device has carrier
 * @param mtu          MTU
 * @param mac          hardware address, if the device has an Ethernet-style one
 * @param masterIndex  index of the bridge (or other master) this device is enslaved to, 0 for none
 * @param linkIndex    {@code IFLA_LINK}: for a veth the peer's index (in the peer's namespace), else 0
 * @param peerNetnsId  {@code IFLA_LINK_NETNSID}: the id, in this namespace, of the namespace holding the peer
 */
public record LinkInfo(int index, String name, String kind, int flags, OperState state, boolean carrier, int mtu,
                       Optional<MacAddress> mac, int masterIndex, int linkIndex, OptionalInt peerNetnsId) {

    /** Administratively up ({@code ip link set up}). */
    public boolean isUp() {
        return (flags & IfInfoMsg.IFF_UP) != 0;
    }

    /** The driver reports the lower layer up (LOWER_UP in {@code ip link}). */
    public boolean isLowerUp() {
        return (flags & IfInfoMsg.IFF_LOWER_UP) != 0;
    }

    public boolean hasMaster() {
        return masterIndex != 0;
    }
}
