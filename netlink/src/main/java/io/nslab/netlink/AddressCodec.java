package io.nslab.netlink;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.IfAddrMsg;
import io.nslab.netlink.msg.Ifa;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkFlags;
import java.net.InetAddress;

/** Address requests and replies on the wire, attribute order as iproute2's. */
final class AddressCodec {
    private AddressCodec() {
    }

    static Request add(AddressInfo a) {
        return new Request(MessageType.RTM_NEWADDR, NetlinkFlags.CREATE | NetlinkFlags.EXCL,
                "ip addr add " + a.prefix() + " dev " + a.index() + (nodad(a) ? " nodad" : ""), b -> write(b, a));
    }

    static Request delete(AddressInfo a) {
        return new Request(MessageType.RTM_DELADDR, 0, "ip addr del " + a.prefix() + " dev " + a.index(),
                b -> write(b, a));
    }

    private static boolean nodad(AddressInfo a) {
        return (a.flags() & Ifa.F_NODAD) != 0;
    }

    private static void write(io.nslab.netlink.msg.MessageBuilder b, AddressInfo a) {
        new IfAddrMsg(a.family(), a.prefix().length(), a.flags() & 0xff, a.scope(), a.index()).writeTo(b);
        byte[] address = a.prefix().address().getAddress();
        b.attr(Ifa.LOCAL, address);
        b.attr(Ifa.ADDRESS, address);
        if ((a.flags() & ~0xff) != 0) {
            b.attrU32(Ifa.FLAGS, a.flags());
        }
        if (!a.label().isEmpty()) {
            b.attrString(Ifa.LABEL, a.label());
        }
    }

    /** {@code family} 0 dumps both IPv4 and IPv6. */
    static Request dump(int family) {
        return new Request(MessageType.RTM_GETADDR, 0, "ip addr show",
                b -> new IfAddrMsg(family, 0, 0, 0, 0).writeTo(b));
    }

    static AddressInfo parse(Message m) {
        IfAddrMsg ifa = IfAddrMsg.read(m.body());
        Attributes a = Attributes.after(m.body(), IfAddrMsg.SIZE);
        // On point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is ours whenever it is present.
        byte[] raw = a.bytes(Ifa.LOCAL).or(() -> a.bytes(Ifa.ADDRESS)).orElseThrow();
        InetAddress address = InetAddresses.of(raw);
        return new AddressInfo(ifa.index(), new IpPrefix(address, ifa.prefixLen()), ifa.scope(),
                a.u32(Ifa.FLAGS, ifa.flags()), a.string(Ifa.LABEL).orElse(""));
    }
}
