package io.nslab.netlink;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkFlags;
import io.nslab.netlink.msg.Rta;
import io.nslab.netlink.msg.RtMsg;
import java.net.InetAddress;
import java.util.Optional;

/** Route requests and replies on the wire, attribute order as iproute2's. */
final class RouteCodec {
    private RouteCodec() {
    }

    static Request add(RouteInfo r) {
        return new Request(MessageType.RTM_NEWROUTE, NetlinkFlags.CREATE | NetlinkFlags.EXCL,
                "ip route add " + describe(r), b -> write(b, r, false));
    }

    static Request replace(RouteInfo r) {
        return new Request(MessageType.RTM_NEWROUTE, NetlinkFlags.CREATE | NetlinkFlags.REPLACE,
                "ip route replace " + describe(r), b -> write(b, r, false));
    }

    static Request delete(RouteInfo r) {
        return new Request(MessageType.RTM_DELROUTE, 0, "ip route del " + describe(r), b -> write(b, r, true));
    }

    private static void write(MessageBuilder b, RouteInfo r, boolean forDelete) {
        int table = r.table();
        // A delete without protocol matches routes installed by anyone, as `ip route del` does.
        new RtMsg(r.family(), r.destination().length(), 0, 0, table < 256 ? table : Rta.TABLE_UNSPEC,
                forDelete ? 0 : r.protocol(), r.effectiveScope(forDelete), r.type().code(),
                r.onlink() ? Rta.F_ONLINK : 0).writeTo(b);
        if (table >= 256) {
            b.attrU32(Rta.TABLE, table);
        }
        if (r.destination().length() > 0) {
            b.attr(Rta.DST, r.destination().address().getAddress());
        }
        if (r.gateway() != null) {
            b.attr(Rta.GATEWAY, r.gateway().getAddress());
        }
        if (r.metric() != 0) {
            b.attrU32(Rta.PRIORITY, r.metric());
        }
        if (r.preferredSource() != null) {
            b.attr(Rta.PREFSRC, r.preferredSource().getAddress());
        }
        if (r.outputIndex() != 0) {
            b.attrU32(Rta.OIF, r.outputIndex());
        }
    }

    /** Dumps one family's routes of one table (0 for every table); the kernel filters, thanks to strict checking. */
    static Request dump(int family, int table) {
        return new Request(MessageType.RTM_GETROUTE, 0, "ip route show table " + (table == 0 ? "all" : table), b -> {
            new RtMsg(family, 0, 0, 0, table < 256 ? table : Rta.TABLE_UNSPEC, 0, 0, 0, 0).writeTo(b);
            if (table >= 256) {
                b.attrU32(Rta.TABLE, table);
            }
        });
    }

    static Request get(InetAddress destination) {
        int family = IpPrefix.familyOf(destination);
        byte[] raw = destination.getAddress();
        return new Request(MessageType.RTM_GETROUTE, 0, "ip route get " + destination.getHostAddress(), b -> {
            // IPv6 strict checking refuses RTM_F_LOOKUP_TABLE; IPv4 uses it to report the matching route's table.
            int flags = family == IpPrefix.AF_INET ? Rta.F_LOOKUP_TABLE : 0;
            new RtMsg(family, raw.length * 8, 0, 0, 0, 0, 0, 0, flags).writeTo(b);
            b.attr(Rta.DST, raw);
        });
    }

    static RouteInfo parse(Message m) {
        RtMsg rt = RtMsg.read(m.body());
        Attributes a = Attributes.after(m.body(), RtMsg.SIZE);
        InetAddress dst = address(a, Rta.DST).orElse(null);
        IpPrefix destination = dst == null ? IpPrefix.any(rt.family()) : new IpPrefix(dst, rt.dstLen());
        return new RouteInfo(destination, address(a, Rta.GATEWAY).orElse(null), a.u32(Rta.OIF, 0),
                a.u32(Rta.PRIORITY, 0), address(a, Rta.PREFSRC).orElse(null), a.u32(Rta.TABLE, rt.table()),
                rt.protocol(), rt.scope(), RouteType.of(rt.type()), (rt.flags() & Rta.F_ONLINK) != 0,
                (rt.flags() & Rta.F_LINKDOWN) != 0);
    }

    private static Optional<InetAddress> address(Attributes a, int type) {
        return a.bytes(type).map(InetAddresses::of);
    }

    private static String describe(RouteInfo r) {
        StringBuilder s = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            s.append(r.type().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        }
        s.append(r.destination().length() == 0 ? "default" : r.destination().toString());
        if (r.gateway() != null) {
            s.append(" via ").append(r.gateway().getHostAddress());
        }
        if (r.outputIndex() != 0) {
            s.append(" dev ").append(r.outputIndex());
        }
        if (r.metric() != 0) {
            s.append(" metric ").append(r.metric());
        }
        if (r.preferredSource() != null) {
            s.append(" src ").append(r.preferredSource().getHostAddress());
        }
        if (r.table() != Rta.TABLE_MAIN) {
            s.append(" table ").append(r.table());
        }
        if (r.onlink()) {
            s.append(" onlink");
        }
        return s.toString();
    }
}
