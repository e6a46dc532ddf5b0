package io.nslab.kernel;

import io.nslab.model.IfName;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Route;
import io.nslab.netlink.AddressInfo;
import io.nslab.netlink.Batch;
import io.nslab.netlink.Errno;
import io.nslab.netlink.LinkEnd;
import io.nslab.netlink.LinkOps;
import io.nslab.netlink.NativeException;
import io.nslab.netlink.RouteInfo;
import io.nslab.netlink.RouteType;
import io.nslab.netlink.Scope;
import io.nslab.op.Op;
import io.nslab.op.OpException;

/**
 * The one mapping from an {@link Op} to what carries it out on the kernel: namespace and sysctl ops are system
 * calls and file writes; every other op is one or more rtnetlink requests, queued here into the batch of the
 * op's namespace, as the {@code ip} command the op names would send them.
 */
final class OpRequests {
    private OpRequests() {
    }

    /** How an op reaches the kernel. */
    enum Carrier {
        /** {@code unshare} and a bind mount, or an unmount: never batched. */
        NAMESPACE,
        /** A write under {@code /proc/sys} inside the namespace. */
        SYSCTL,
        /** rtnetlink requests in the op's namespace, which batch with the namespace's others. */
        NETLINK,
        /** One nf_tables transaction in the op's namespace ({@link FirewallRequests}). */
        NFTABLES
    }

    static Carrier carrier(Op op) {
        return switch (op) {
            case Op.AddNamespace o -> Carrier.NAMESPACE;
            case Op.DeleteNamespace o -> Carrier.NAMESPACE;
            case Op.SetSysctl o -> Carrier.SYSCTL;
            case Op.AddVeth o -> Carrier.NETLINK;
            case Op.AddBridge o -> Carrier.NETLINK;
            case Op.DeleteLink o -> Carrier.NETLINK;
            case Op.SetMaster o -> Carrier.NETLINK;
            case Op.SetLinkState o -> Carrier.NETLINK;
            case Op.SetMtu o -> Carrier.NETLINK;
            case Op.SetMac o -> Carrier.NETLINK;
            case Op.RenameLink o -> Carrier.NETLINK;
            case Op.MoveLink o -> Carrier.NETLINK;
            case Op.AddAddress o -> Carrier.NETLINK;
            case Op.DeleteAddress o -> Carrier.NETLINK;
            case Op.AddRoute o -> Carrier.NETLINK;
            case Op.DeleteRoute o -> Carrier.NETLINK;
            case Op.ReplaceRoute o -> Carrier.NETLINK;
            case Op.AddNeighbour o -> Carrier.NETLINK;
            case Op.SetTable o -> Carrier.NFTABLES;
            case Op.DeleteTable o -> Carrier.NFTABLES;
        };
    }

    /**
     * Queues the requests of a {@link Carrier#NETLINK} op into {@code batch} (of the op's namespace); returns how
     * many it queued. Interface indexes come from the namespaces' cache.
     */
    static int queue(Namespaces namespaces, Batch batch, Op op) {
        int before = batch.size();
        LinkOps links = batch.links();
        switch (op) {
            case Op.AddVeth o -> {
                int[] index = namespaces.reserve(o);
                LinkEnd here = end(o.name(), index == null ? 0 : index[0], o.mtu(), o.mac());
                LinkEnd peer = end(o.peer(), index == null ? 0 : index[1], o.peerMtu(), o.peerMac());
                links.addVeth(here, peer, o.peerNetns().equals(o.netns()) ? null : namespaces.netns(o.peerNetns()));
            }
            case Op.AddBridge o -> {
                links.addBridge(o.name().value());
                // a separate request, as `ip link set mtu` is: it marks the MTU as the user's, which ports joining later keep
                o.mtu().ifPresent(m -> links.setMtu(o.name().value(), m));
                o.mac().ifPresent(m -> links.setMac(o.name().value(), Conversions.mac(m)));
            }
            case Op.DeleteLink o -> links.delete(o.name().value());
            case Op.SetMaster o -> {
                if (o.master().isPresent()) {
                    links.setMaster(o.name().value(), o.master().get().value());
                } else {
                    links.setNoMaster(o.name().value());
                }
            }
            case Op.SetLinkState o -> {
                if (o.up()) {
                    links.setUp(o.name().value());
                } else {
                    links.setDown(o.name().value());
                }
            }
            case Op.SetMtu o -> links.setMtu(o.name().value(), o.mtu());
            case Op.SetMac o -> links.setMac(o.name().value(), Conversions.mac(o.mac()));
            case Op.RenameLink o -> links.rename(o.name().value(), o.newName().value());
            case Op.MoveLink o -> links.moveTo(o.name().value(), namespaces.netns(o.target()));
            case Op.AddAddress o -> batch.addresses().add(address(namespaces, o.netns(), o.dev(), o.address()));
            case Op.DeleteAddress o -> batch.addresses().delete(address(namespaces, o.netns(), o.dev(), o.address()));
            case Op.AddRoute o -> batch.routes().add(route(namespaces, o.netns(), o.route()));
            case Op.ReplaceRoute o -> batch.routes().replace(route(namespaces, o.netns(), o.route()));
            case Op.DeleteRoute o -> batch.routes().delete(route(namespaces, o.netns(), o.route()));
            case Op.AddNeighbour o -> batch.neighbours().add(io.nslab.netlink.NeighbourInfo.permanent(
                    namespaces.index(o.netns(), o.dev().value()), o.address().toString(), o.mac().toString()));
            case Op.AddNamespace o -> throw new IllegalArgumentException("not an rtnetlink op: " + o.command());
            case Op.DeleteNamespace o -> throw new IllegalArgumentException("not an rtnetlink op: " + o.command());
            case Op.SetSysctl o -> throw new IllegalArgumentException("not an rtnetlink op: " + o.command());
            case Op.SetTable o -> throw new IllegalArgumentException("not an rtnetlink op: " + o.command());
            case Op.DeleteTable o -> throw new IllegalArgumentException("not an rtnetlink op: " + o.command());
        }
        return batch.size() - before;
    }

    private static LinkEnd end(IfName name, int index, java.util.OptionalInt mtu, java.util.Optional<io.nslab.model.MacAddress> mac) {
        return new LinkEnd(name.value(), index, mtu.orElse(0), mac.map(Conversions::mac).orElse(null));
    }

    /** The op's failure from the kernel's refusal of one of its requests, in iproute2's words. */
    static OpException failure(Op op, NativeException e) {
        if (e.is(Errno.ENODEV) && device(op) != null) {
            // iproute2 resolves a name first and says "Cannot find device" when it is not there
            return new OpException(op, Errno.ENODEV, "Cannot find device \"" + device(op) + "\"", e);
        }
        return KernelErrors.of(op, e);
    }

    /** The device an op names, for the message when it does not exist. */
    private static String device(Op op) {
        return switch (op) {
            case Op.DeleteLink o -> o.name().value();
            case Op.SetMaster o -> o.name().value();
            case Op.SetLinkState o -> o.name().value();
            case Op.SetMtu o -> o.name().value();
            case Op.SetMac o -> o.name().value();
            case Op.RenameLink o -> o.name().value();
            case Op.MoveLink o -> o.name().value();
            case Op.AddAddress o -> o.dev().value();
            case Op.DeleteAddress o -> o.dev().value();
            case Op.AddRoute o -> o.route().dev().map(IfName::value).orElse(null);
            case Op.ReplaceRoute o -> o.route().dev().map(IfName::value).orElse(null);
            case Op.DeleteRoute o -> o.route().dev().map(IfName::value).orElse(null);
            case Op.AddNeighbour o -> o.dev().value();
            case Op.AddNamespace o -> null;
            case Op.DeleteNamespace o -> null;
            case Op.AddVeth o -> null;
            case Op.AddBridge o -> null;
            case Op.SetSysctl o -> null;
            case Op.SetTable o -> null;
            case Op.DeleteTable o -> null;
        };
    }

    private static AddressInfo address(Namespaces namespaces, NamespaceRef netns, IfName dev, io.nslab.model.IpPrefix prefix) {
        AddressInfo a = AddressInfo.of(namespaces.index(netns, dev.value()), Conversions.prefix(prefix));
        if (prefix.address().isV4() && prefix.address().isLoopback()) {
            a = a.withScope(Scope.HOST); // iproute2 gives 127/8 addresses host scope
        }
        return prefix.address().isV4() ? a : a.nodad();
    }

    private static RouteInfo route(Namespaces namespaces, NamespaceRef netns, Route r) {
        RouteInfo info = RouteInfo.to(Conversions.prefix(r.destination())).type(switch (r.type()) {
            case UNICAST -> RouteType.UNICAST;
            case BLACKHOLE -> RouteType.BLACKHOLE;
            case UNREACHABLE -> RouteType.UNREACHABLE;
            case PROHIBIT -> RouteType.PROHIBIT;
        });
        if (r.via().isPresent()) {
            info = info.via(Conversions.inet(r.via().get()));
        }
        if (r.dev().isPresent()) {
            info = info.dev(namespaces.index(netns, r.dev().get().value()));
        }
        if (r.metric().isPresent()) {
            info = info.metric(r.metric().getAsInt());
        }
        if (r.src().isPresent()) {
            info = info.source(r.src().get().toString());
        }
        return info.onlink(r.onlink());
    }
}
