package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.MacAddress;
import io.nslab.netlink.Errno;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.LinkKind;

import java.util.List;
import java.util.Optional;

/** {@code ip link add|del|set}: veth pairs, bridges and their ports, admin state, MTU, MAC, name and namespace. */
final class LinkOps {
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;

    private final SimNetwork net;
    private final KernelRoutes kernel;
    private final AddressOps addresses;

    LinkOps(SimNetwork net, KernelRoutes kernel, AddressOps addresses) {
        this.net = net;
        this.kernel = kernel;
        this.addresses = addresses;
    }

    /** veth_newlink registers the peer first, so in one namespace the peer gets the lower index. */
    void addVeth(Op.AddVeth op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimNamespace peerNs = net.namespace(op, op.peerNetns());
        if (ns.link(op.name()).isPresent() || peerNs.link(op.peer()).isPresent()
                || (ns == peerNs && op.name().equals(op.peer()))) {
            throw Refusals.fileExists(op);
        }
        for (int mtu : new int[] {op.mtu().orElse(SimLink.ETHERNET_MTU), op.peerMtu().orElse(SimLink.ETHERNET_MTU)}) {
            checkMtu(op, mtu);
        }
        SimLink peer = new SimLink(peerNs, peerNs.allocateIndex(), op.peer(), LinkKind.VETH,
                op.peerMtu().orElse(op.mtu().orElse(SimLink.ETHERNET_MTU)), op.peerMac().orElseGet(net::nextMac));
        peerNs.attach(peer);
        SimLink end = new SimLink(ns, ns.allocateIndex(), op.name(), LinkKind.VETH, op.mtu().orElse(SimLink.ETHERNET_MTU),
                op.mac().orElseGet(net::nextMac));
        ns.attach(end);
        end.peer = peer;
        peer.peer = end;
    }

    void addBridge(Op.AddBridge op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        if (ns.link(op.name()).isPresent()) {
            throw Refusals.fileExists(op);
        }
        checkMtu(op, op.mtu().orElse(SimLink.ETHERNET_MTU));
        SimLink br = new SimLink(ns, ns.allocateIndex(), op.name(), LinkKind.BRIDGE, op.mtu().orElse(SimLink.ETHERNET_MTU),
                op.mac().orElseGet(net::nextMac));
        br.macExplicit = op.mac().isPresent();
        ns.attach(br);
    }

    void delete(Op.DeleteLink op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        if (l.isLoopback()) {
            throw Refusals.notSupported(op);
        }
        destroy(l);
        if (l.peer != null) {
            destroy(l.peer);
        }
    }

    /** unregister_netdevice: addresses and routes go, ports leave a deleted bridge. */
    void destroy(SimLink l) {
        SimNamespace ns = l.ns;
        for (SimLink port : l.ports()) {
            port.setMaster(null);
        }
        SimLink master = l.master;
        l.setMaster(null);
        if (master != null) {
            recomputeBridgeMac(master);
        }
        addresses.flush(ns, l);
        kernel.linkGone(l, ns);
        ns.detach(l);
    }

    void setMaster(Op.SetMaster op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        if (op.master().isEmpty()) {
            SimLink old = l.master;
            l.setMaster(null);
            if (old != null) {
                recomputeBridgeMac(old);
            }
            return;
        }
        IfName masterName = op.master().get();
        SimLink br = ns.link(masterName).orElseThrow(() -> Refusals.noDevice(op, masterName));
        if (!br.isBridge()) {
            throw Refusals.notSupported(op);
        }
        if (l.isBridge()) {
            throw Refusals.extack(op, Errno.ELOOP, "Can not enslave a bridge to a bridge");
        }
        if (l.isLoopback()) {
            throw Refusals.invalidArgument(op);
        }
        SimLink old = l.master;
        l.setMaster(br);
        // a bridge port carries no IP of its own in this model; its addresses stay but are not used for routing
        if (old != null && old != br) {
            recomputeBridgeMac(old);
        }
        recomputeBridgeMac(br);
        kernel.carrierMayHaveChanged(l);
    }

    /** br_stp_recalculate_bridge_id: without an address set by hand, a bridge wears its lowest port MAC. */
    void recomputeBridgeMac(SimLink br) {
        if (br.macExplicit) {
            return;
        }
        br.ports().stream().map(p -> p.mac).min((a, b) -> Long.compare(a.bits(), b.bits())).ifPresent(m -> br.mac = m);
    }

    void setState(Op.SetLinkState op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        if (l.adminUp == op.up()) {
            return;
        }
        l.adminUp = op.up();
        if (op.up()) {
            if (l.isLoopback()) {
                addresses.loopbackUp(ns, l);
            }
            kernel.linkUp(l);
            kernel.carrierMayHaveChanged(l);
        } else {
            l.ipv6Ready = false;
            kernel.linkDown(l);
            addresses.flushV6(ns, l);
            l.permanentNeighbours.clear();
            l.learnedNeighbours.clear();
            if (l.peer != null) {
                l.peer.learnedNeighbours.clear(); // its carrier goes with this end
            }
        }
    }

    void setMtu(Op.SetMtu op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        checkMtu(op, op.mtu());
        l.mtu = op.mtu();
    }

    private static void checkMtu(Op op, int mtu) throws OpException {
        if (mtu < MIN_MTU) {
            throw Refusals.extack(op, Errno.EINVAL, "mtu less than device minimum");
        }
        if (mtu > MAX_MTU) {
            throw Refusals.extack(op, Errno.EINVAL, "mtu greater than device maximum");
        }
    }

    void setMac(Op.SetMac op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        if (op.mac().isMulticast() || op.mac().isZero()) {
            throw new OpException(op, Errno.EADDRNOTAVAIL, "RTNETLINK answers: Cannot assign requested address");
        }
        l.mac = op.mac();
        if (l.isBridge()) {
            l.macExplicit = true;
        } else if (l.master != null) {
            recomputeBridgeMac(l.master);
        }
    }

    void rename(Op.RenameLink op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        if (ns.link(op.newName()).isPresent()) {
            throw Refusals.fileExists(op);
        }
        if (l.adminUp) {
            throw Refusals.busy(op);
        }
        ns.rename(l, op.newName());
    }

    /** dev_change_net_namespace: the device arrives down and empty, keeping its index when that is free there. */
    void move(Op.MoveLink op) throws OpException {
        SimNamespace ns = net.namespace(op, op.netns());
        SimLink l = ns.link(op.name()).orElseThrow(() -> Refusals.noDevice(op, op.name()));
        SimNamespace target = net.namespace(op, op.target());
        if (l.isLoopback() || l.isBridge()) {
            throw Refusals.invalidArgument(op);
        }
        if (target.link(l.name).isPresent()) {
            throw Refusals.fileExists(op);
        }
        if (target == ns) {
            return;
        }
        if (l.adminUp) {
            l.adminUp = false;
            kernel.linkDown(l);
        }
        SimLink master = l.master;
        l.setMaster(null);
        if (master != null) {
            recomputeBridgeMac(master);
        }
        addresses.flush(ns, l);
        kernel.linkGone(l, ns);
        ns.detach(l);
        boolean taken = target.linkAt(l.index) != null;
        if (taken) {
            l.index = target.allocateIndex();
        }
        target.attach(l);
    }

    static Optional<SimLink> find(List<SimLink> links, IfName name) {
        return links.stream().filter(l -> l.name.equals(name)).findFirst();
    }
}
