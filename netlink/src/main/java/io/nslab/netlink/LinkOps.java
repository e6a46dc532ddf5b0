package io.nslab.netlink;

import io.nslab.netlink.msg.Message;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Network devices: create veth pairs, bridges, vxlan and macvlan devices; change state, MTU, address, master,
 * name and namespace; delete; look up and list. Obtained from {@link Netlink#links()} (each call is one request)
 * or {@link Batch#links()} (changes are queued). Links are named as in {@code ip link}; the kernel resolves names.
 */
public final class LinkOps {
    private final Netlink netlink;
    private final Batch batch;

    LinkOps(Netlink netlink, Batch batch) {
        this.netlink = netlink;
        this.batch = batch;
    }

    /** {@code IFLA_MACVLAN_MODE} values. */
    public enum MacvlanMode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        private final int code;

        MacvlanMode(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** Equivalent to: {@code ip link add NAME type veth peer name PEER} */
    public void addVeth(String name, String peer) {
        submit(LinkCodec.addVeth(name, 0, peer, 0, -1, null));
    }

    /**
     * Creates a veth pair with one end here and the other directly in {@code peerNamespace}, so the peer never
     * exists in this namespace. Equivalent to: {@code ip link add NAME type veth peer name PEER netns NS}
     */
    public void addVeth(String name, String peer, NetNs peerNamespace) {
        submit(LinkCodec.addVeth(name, 0, peer, 0, peerNamespace.fd(), peerNamespace.path()));
    }

    /**
     * As {@link #addVeth(String, String, NetNs)}, asking for given interface indexes (0 lets the kernel choose).
     * Choosing them lets a {@link Batch} address the new devices in the same round trip.
     * Equivalent to: {@code ip link add NAME index I type veth peer name PEER index J netns NS}
     */
    public void addVeth(String name, int index, String peer, int peerIndex, NetNs peerNamespace) {
        submit(LinkCodec.addVeth(name, index, peer, peerIndex,
                peerNamespace == null ? -1 : peerNamespace.fd(), peerNamespace == null ? null : peerNamespace.path()));
    }

    /**
     * A veth pair whose ends get their index, MTU and MAC in the creating request, the peer made directly in
     * {@code peerNamespace} (null: here). Equivalent to:
     * {@code ip link add NAME [index I] [mtu M] [address MAC] type veth peer name PEER [index J] [mtu M] [address MAC] netns NS}
     */
    public void addVeth(LinkEnd here, LinkEnd peer, NetNs peerNamespace) {
        submit(LinkCodec.addVeth(here, peer, peerNamespace == null ? -1 : peerNamespace.fd(),
                peerNamespace == null ? null : peerNamespace.path()));
    }

    /** Equivalent to: {@code ip link add NAME [index I] [mtu M] [address MAC] type bridge} */
    public void addBridge(LinkEnd bridge) {
        submit(LinkCodec.addBridge(bridge));
    }

    /** Equivalent to: {@code ip link add NAME type bridge} */
    public void addBridge(String name) {
        submit(LinkCodec.addBridge(name));
    }

    /** Equivalent to: {@code ip link add NAME type vxlan id VNI dstport PORT [dev UNDERLAY] [local LOCAL]} */
    public void addVxlan(String name, int vni, int dstPort, String underlay, InetAddress local) {
        int underlayIndex = underlay == null ? 0 : indexOf(underlay);
        submit(LinkCodec.addVxlan(name, vni, dstPort, underlayIndex, local));
    }

    /** Equivalent to: {@code ip link add NAME link PARENT type macvlan mode MODE} */
    public void addMacvlan(String name, String parent, MacvlanMode mode) {
        submit(LinkCodec.addMacvlan(name, indexOf(parent), parent, mode));
    }

    /** Equivalent to: {@code ip link set dev NAME up} */
    public void setUp(String name) {
        submit(LinkCodec.setFlags(LinkCodec.Ref.of(name), true));
    }

    /** Equivalent to: {@code ip link set dev NAME down} */
    public void setDown(String name) {
        submit(LinkCodec.setFlags(LinkCodec.Ref.of(name), false));
    }

    /** Equivalent to: {@code ip link set dev NAME mtu MTU} */
    public void setMtu(String name, int mtu) {
        submit(LinkCodec.setMtu(LinkCodec.Ref.of(name), mtu));
    }

    /** Equivalent to: {@code ip link set dev NAME address MAC} */
    public void setMac(String name, MacAddress mac) {
        submit(LinkCodec.setMac(LinkCodec.Ref.of(name), mac));
    }

    /** Equivalent to: {@code ip link set dev NAME master MASTER} */
    public void setMaster(String name, String master) {
        submit(LinkCodec.setMaster(LinkCodec.Ref.of(name), indexOf(master), master));
    }

    /** Equivalent to: {@code ip link set dev NAME nomaster} */
    public void setNoMaster(String name) {
        submit(LinkCodec.setMaster(LinkCodec.Ref.of(name), 0, null));
    }

    /** Equivalent to: {@code ip link set dev NAME name NEWNAME} (the link must be down). */
    public void rename(String name, String newName) {
        submit(LinkCodec.rename(indexOf(name), name, newName));
    }

    /** Equivalent to: {@code ip link set dev NAME netns NS}. Addresses and routes of the link are lost. */
    public void moveTo(String name, NetNs namespace) {
        submit(LinkCodec.moveTo(LinkCodec.Ref.of(name), namespace.fd(), namespace.path()));
    }

    /** Equivalent to: {@code ip link delete dev NAME} (deleting one end of a veth deletes both). */
    public void delete(String name) {
        submit(LinkCodec.delete(LinkCodec.Ref.of(name)));
    }

    /**
     * Equivalent to: {@code ip -d link show dev NAME}
     *
     * @throws NetlinkException with ENODEV if there is no such link
     */
    public LinkInfo get(String name) {
        return LinkCodec.parse(netlink.query(LinkCodec.get(LinkCodec.Ref.of(name))));
    }

    /** Equivalent to: {@code ip -d link show} for the link with this index. */
    public LinkInfo get(int index) {
        return LinkCodec.parse(netlink.query(LinkCodec.get(LinkCodec.Ref.of(index))));
    }

    /** Like {@link #get(String)}, empty instead of ENODEV. */
    public Optional<LinkInfo> find(String name) {
        try {
            return Optional.of(get(name));
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The index of a link, as {@code ip} resolves {@code dev NAME}. */
    public int indexOf(String name) {
        return get(name).index();
    }

    /** Equivalent to: {@code ip -d link show} */
    public List<LinkInfo> list() {
        return netlink.dump(LinkCodec.dump()).stream().map(LinkCodec::parse).toList();
    }

    /** Parses a link message received by other means, such as a notification. */
    static LinkInfo parse(Message m) {
        return LinkCodec.parse(m);
    }

    private void submit(Request request) {
        if (batch != null) {
            batch.add(request);
        } else {
            netlink.execute(request);
        }
    }
}
