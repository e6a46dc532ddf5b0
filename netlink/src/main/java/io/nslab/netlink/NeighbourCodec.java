package io.nslab.netlink;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.Nda;
import io.nslab.netlink.msg.NdMsg;
import io.nslab.netlink.msg.NetlinkFlags;
import java.net.InetAddress;
import java.util.Optional;

/** Neighbour requests and replies on the wire, attribute order as iproute2's. */
final class NeighbourCodec {
    private NeighbourCodec() {
    }

    static Request add(NeighbourInfo n, boolean replace) {
        String cmd = (replace ? "ip neigh replace " : "ip neigh add ") + n.destination().getHostAddress()
                + n.lladdr().map(m -> " lladdr " + m).orElse("") + " dev " + n.index();
        int flags = NetlinkFlags.CREATE | (replace ? NetlinkFlags.REPLACE : NetlinkFlags.EXCL);
        return new Request(MessageType.RTM_NEWNEIGH, flags, cmd, b -> {
            new NdMsg(n.family(), n.index(), n.state(), n.flags(), 0).writeTo(b);
            b.attr(Nda.DST, n.destination().getAddress());
            n.lladdr().ifPresent(m -> b.attr(Nda.LLADDR, m.bytes()));
        });
    }

    static Request delete(NeighbourInfo n) {
        return new Request(MessageType.RTM_DELNEIGH, 0,
                "ip neigh del " + n.destination().getHostAddress() + " dev " + n.index(), b -> {
                    new NdMsg(n.family(), n.index(), 0, 0, 0).writeTo(b);
                    b.attr(Nda.DST, n.destination().getAddress());
                });
    }

    static Request dump(int family) {
        return new Request(MessageType.RTM_GETNEIGH, 0, "ip neigh show",
                b -> new NdMsg(family, 0, 0, 0, 0).writeTo(b));
    }

    static NeighbourInfo parse(Message m) {
        NdMsg nd = NdMsg.read(m.body());
        Attributes a = Attributes.after(m.body(), NdMsg.SIZE);
        byte[] raw = a.bytes(Nda.DST).orElseThrow();
        InetAddress dst = InetAddresses.of(raw);
        Optional<MacAddress> ll = a.bytes(Nda.LLADDR).filter(b -> b.length == 6).map(MacAddress::of);
        return new NeighbourInfo(nd.index(), dst, ll, nd.state(), nd.flags());
    }
}
