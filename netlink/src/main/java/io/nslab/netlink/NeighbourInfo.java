package io.nslab.netlink;

import io.nslab.netlink.msg.Nda;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A neighbour (ARP or NDP) entry, as {@code ip neigh} shows and takes it.
 *
 * @param index        interface index
 * @param destination  the neighbour's IP address
 * @param lladdr       its link-layer address, if known
 * @param state        NUD_* bits ({@link Nda#NUD_PERMANENT}, {@link Nda#NUD_REACHABLE}, ...)
 * @param flags        NTF_* flags
 */
public record NeighbourInfo(int index, InetAddress destination, Optional<MacAddress> lladdr, int state, int flags) {

    /** A static entry: {@code ip neigh add ADDRESS lladdr MAC dev DEV} (nud permanent). */
    public static NeighbourInfo permanent(int index, String address, String mac) {
        return new NeighbourInfo(index, IpPrefix.parseAddress(address), Optional.of(MacAddress.parse(mac)),
                Nda.NUD_PERMANENT, 0);
    }

    public int family() {
        return IpPrefix.familyOf(destination);
    }
}
