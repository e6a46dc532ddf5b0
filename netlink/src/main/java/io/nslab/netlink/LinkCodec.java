package io.nslab.netlink;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.IfInfoMsg;
import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.Ifla;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkFlags;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Link requests and replies on the wire. Attribute order follows iproute2's so that the tests can compare the
 * bytes with what {@code ip} sends. A link is addressed by index, or by name with index 0 (the kernel looks the
 * name up for set and delete).
 */
final class LinkCodec {
    private static final int NEW = NetlinkFlags.CREATE | NetlinkFlags.EXCL;

    private LinkCodec() {
    }

    /** Which link a request is about: by index, or by name when the index is 0. */
    record Ref(int index, String name) {
        static Ref of(String name) {
            return new Ref(0, name);
        }

        static Ref of(int index) {
            return new Ref(index, null);
        }

        void write(MessageBuilder b, int flags, int change) {
            new IfInfoMsg(0, 0, index, flags, change).writeTo(b);
            if (name != null) {
                b.attrString(Ifla.IFNAME, name);
            }
        }

        @Override
        public String toString() {
            return name != null ? name : "index " + index;
        }
    }

    static Request addVeth(String name, int index, String peer, int peerIndex, int peerNsFd, String peerNsName) {
        return create(name, index, "veth", data -> {
            int peerAttr = data.beginNested(Ifla.VETH_INFO_PEER);
            IfInfoMsg.ofIndex(peerIndex).writeTo(data);
            data.attrString(Ifla.IFNAME, peer);
            if (peerNsFd >= 0) {
                data.attrU32(Ifla.NET_NS_FD, peerNsFd);
            }
            data.endNested(peerAttr);
        }, "ip link add " + name + " type veth peer name " + peer
                + (peerNsName != null ? " netns " + peerNsName : ""));
    }

    /** Both ends with their attributes in the one request, the peer's inside VETH_INFO_PEER, as iproute2 sends them. */
    static Request addVeth(LinkEnd here, LinkEnd peer, int peerNsFd, String peerNsName) {
        return new Request(MessageType.RTM_NEWLINK, NEW, "ip link add " + here.name() + here.words() + " type veth peer name "
                + peer.name() + peer.words() + (peerNsName != null ? " netns " + peerNsName : ""), b -> {
                    IfInfoMsg.ofIndex(here.index()).writeTo(b);
                    b.attrString(Ifla.IFNAME, here.name());
                    here.writeAttributes(b);
                    writeLinkInfo(b, "veth", data -> {
                        int peerAttr = data.beginNested(Ifla.VETH_INFO_PEER);
                        IfInfoMsg.ofIndex(peer.index()).writeTo(data);
                        data.attrString(Ifla.IFNAME, peer.name());
                        peer.writeAttributes(data);
                        if (peerNsFd >= 0) {
                            data.attrU32(Ifla.NET_NS_FD, peerNsFd);
                        }
                        data.endNested(peerAttr);
                    });
                });
    }

    static Request addBridge(LinkEnd bridge) {
        return new Request(MessageType.RTM_NEWLINK, NEW, "ip link add " + bridge.name() + bridge.words() + " type bridge", b -> {
            IfInfoMsg.ofIndex(bridge.index()).writeTo(b);
            b.attrString(Ifla.IFNAME, bridge.name());
            bridge.writeAttributes(b);
            writeLinkInfo(b, "bridge", null);
        });
    }

    static Request addBridge(String name) {
        return create(name, 0, "bridge", null, "ip link add " + name + " type bridge");
    }

    static Request addVxlan(String name, int vni, int dstPort, int underlayIndex, InetAddress local) {
        return create(name, 0, "vxlan", data -> {
            data.attrU32(Ifla.VXLAN_ID, vni);
            if (underlayIndex > 0) {
                data.attrU32(Ifla.VXLAN_LINK, underlayIndex);
            }
            if (local != null) {
                data.attr(Ifla.VXLAN_LOCAL, local.getAddress());
            }
            data.attrBe16(Ifla.VXLAN_PORT, dstPort);
        }, "ip link add " + name + " type vxlan id " + vni + " dstport " + dstPort);
    }

    static Request addMacvlan(String name, int parentIndex, String parentName, LinkOps.MacvlanMode mode) {
        return new Request(MessageType.RTM_NEWLINK, NEW, "ip link add " + name + " link " + parentName
                + " type macvlan mode " + mode.name().toLowerCase(java.util.Locale.ROOT), b -> {
                    IfInfoMsg.empty().writeTo(b);
                    b.attrString(Ifla.IFNAME, name);
                    b.attrU32(Ifla.LINK, parentIndex);
                    writeLinkInfo(b, "macvlan", data -> data.attrU32(Ifla.MACVLAN_MODE, mode.code()));
                });
    }

    private static Request create(String name, int index, String kind, Consumer<MessageBuilder> data,
                                  String command) {
        return new Request(MessageType.RTM_NEWLINK, NEW, command, b -> {
            IfInfoMsg.ofIndex(index).writeTo(b);
            b.attrString(Ifla.IFNAME, name);
            writeLinkInfo(b, kind, data);
        });
    }

    private static void writeLinkInfo(MessageBuilder b, String kind, Consumer<MessageBuilder> data) {
        // iproute2 sends these nests without NLA_F_NESTED; the kernel accepts both.
        int info = b.beginNested(Ifla.LINKINFO);
        b.attrChars(Ifla.INFO_KIND, kind);
        if (data != null) {
            int d = b.beginNested(Ifla.INFO_DATA);
            data.accept(b);
            b.endNested(d);
        }
        b.endNested(info);
    }

    static Request setFlags(Ref link, boolean up) {
        return set(link, "ip link set " + link + (up ? " up" : " down"), b ->
                link.write(b, up ? IfInfoMsg.IFF_UP : 0, IfInfoMsg.IFF_UP));
    }

    static Request setMtu(Ref link, int mtu) {
        return set(link, "ip link set " + link + " mtu " + mtu, b -> {
            link.write(b, 0, 0);
            b.attrU32(Ifla.MTU, mtu);
        });
    }

    static Request setMac(Ref link, MacAddress mac) {
        return set(link, "ip link set " + link + " address " + mac, b -> {
            link.write(b, 0, 0);
            b.attr(Ifla.ADDRESS, mac.bytes());
        });
    }

    /** {@code masterIndex} 0 releases the link from its master. */
    static Request setMaster(Ref link, int masterIndex, String masterName) {
        String cmd = masterIndex == 0 ? "ip link set " + link + " nomaster"
                : "ip link set " + link + " master " + masterName;
        return set(link, cmd, b -> {
            link.write(b, 0, 0);
            b.attrU32(Ifla.MASTER, masterIndex);
        });
    }

    static Request rename(int index, String oldName, String newName) {
        return set(Ref.of(index), "ip link set " + oldName + " name " + newName, b -> {
            IfInfoMsg.ofIndex(index).writeTo(b);
            b.attrString(Ifla.IFNAME, newName);
        });
    }

    static Request moveTo(Ref link, int nsFd, String nsName) {
        return set(link, "ip link set " + link + " netns " + nsName, b -> {
            link.write(b, 0, 0);
            b.attrU32(Ifla.NET_NS_FD, nsFd);
        });
    }

    private static Request set(Ref link, String command, Consumer<MessageBuilder> body) {
        return new Request(MessageType.RTM_NEWLINK, 0, command, body);
    }

    static Request delete(Ref link) {
        return new Request(MessageType.RTM_DELLINK, 0, "ip link delete " + link, b -> link.write(b, 0, 0));
    }

    static Request get(Ref link) {
        return new Request(MessageType.RTM_GETLINK, 0, "ip link show " + link, b -> {
            IfInfoMsg.ofIndex(link.index()).writeTo(b);
            b.attrU32(Ifla.EXT_MASK, Ifla.EXT_FILTER_VF_SKIP_STATS);
            if (link.name() != null) {
                b.attrString(Ifla.IFNAME, link.name());
            }
        });
    }

    static Request dump() {
        return new Request(MessageType.RTM_GETLINK, 0, "ip link show", b -> {
            IfInfoMsg.empty().writeTo(b);
            b.attrU32(Ifla.EXT_MASK, Ifla.EXT_FILTER_VF_SKIP_STATS);
        });
    }

    static LinkInfo parse(Message m) {
        IfInfoMsg ifi = IfInfoMsg.read(m.body());
        Attributes a = Attributes.after(m.body(), IfInfoMsg.SIZE);
        Optional<MacAddress> mac = a.bytes(Ifla.ADDRESS).filter(b -> b.length == 6).map(MacAddress::of);
        OptionalInt netnsId = a.has(Ifla.LINK_NETNSID)
                ? OptionalInt.of(a.u32(Ifla.LINK_NETNSID, -1)) : OptionalInt.empty();
        return new LinkInfo(ifi.index(), a.string(Ifla.IFNAME).orElse(""),
                a.nested(Ifla.LINKINFO).string(Ifla.INFO_KIND).orElse(""), ifi.flags(),
                OperState.of(a.u8(Ifla.OPERSTATE, 0)), a.u8(Ifla.CARRIER, 0) != 0, a.u32(Ifla.MTU, 0), mac,
                a.u32(Ifla.MASTER, 0), a.u32(Ifla.LINK, 0), netnsId);
    }
}
