package io.nslab.kernel;

import io.nslab.model.IfName;
import io.nslab.model.Route;
import io.nslab.netlink.AddressInfo;
import io.nslab.netlink.Batch;
import io.nslab.netlink.Errno;
import io.nslab.netlink.LinkOps;
import io.nslab.netlink.NativeException;
import io.nslab.netlink.Netlink;
import io.nslab.netlink.RouteInfo;
import io.nslab.netlink.RouteType;
import io.nslab.netlink.Scope;
import io.nslab.netlink.Sysctls;
import io.nslab.op.Op;
import io.nslab.op.OpException;

/** Carries out one {@link Op} through rtnetlink, as the {@code ip} command it names would. */
final class OpApplier {
    private final Namespaces namespaces;

    OpApplier(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    void apply(Op op) throws OpException {
        try {
            applyUnchecked(op);
        } catch (RuntimeException e) {
            namespaces.failed(op);
            throw e;
        } finally {
            namespaces.linksChanged(op);
        }
    }

    private void applyUnchecked(Op op) throws OpException {
        try {
            switch (op) {
                case Op.AddNamespace o -> namespaces.create(o.netns());
                case Op.DeleteNamespace o -> namespaces.delete(o.netns());
                case Op.AddVeth o -> addVeth(o);
                case Op.AddBridge o -> {
                    LinkOps links = links(o.netns());
                    links.addBridge(o.name().value());
                    o.mtu().ifPresent(m -> links.setMtu(o.name().value(), m));
                    o.mac().ifPresent(m -> links.setMac(o.name().value(), Conversions.mac(m)));
                }
                case Op.DeleteLink o -> links(o.netns()).delete(o.name().value());
                case Op.SetMaster o -> {
                    if (o.master().isPresent()) {
                        links(o.netns()).setMaster(o.name().value(), o.master().get().value());
                    } else {
                        links(o.netns()).setNoMaster(o.name().value());
                    }
                }
                case Op.SetLinkState o -> {
                    if (o.up()) {
                        links(o.netns()).setUp(o.name().value());
                    } else {
                        links(o.netns()).setDown(o.name().value());
                    }
                }
                case Op.SetMtu o -> links(o.netns()).setMtu(o.name().value(), o.mtu());
                case Op.SetMac o -> links(o.netns()).setMac(o.name().value(), Conversions.mac(o.mac()));
                case Op.RenameLink o -> links(o.netns()).rename(o.name().value(), o.newName().value());
                case Op.MoveLink o -> links(o.netns()).moveTo(o.name().value(), namespaces.netns(o.target()));
                case Op.AddAddress o -> netlink(o.netns()).addresses().add(address(o.netns(), o.dev(), o.address()));
                case Op.DeleteAddress o -> netlink(o.netns()).addresses().delete(address(o.netns(), o.dev(), o.address()));
                case Op.AddRoute o -> netlink(o.netns()).routes().add(route(o.netns(), o.route()));
                case Op.ReplaceRoute o -> netlink(o.netns()).routes().replace(route(o.netns(), o.route()));
                case Op.DeleteRoute o -> netlink(o.netns()).routes().delete(route(o.netns(), o.route()));
                case Op.SetSysctl o -> Sysctls.write(namespaces.netns(o.netns()), o.key(), o.value());
                case Op.AddNeighbour o -> netlink(o.netns()).neighbours().add(neighbour(o));
            }
        } catch (NativeException e) {
            // iproute2 resolves a name first and says "Cannot find device" when it is not there
            throw failure(op, e);
        } catch (java.io.UncheckedIOException e) {
            throw KernelNetwork.sysctlFailure(op, e);
        }
    }

    /** Whether {@link #queue} can take this op into a namespace's batch. */
    static boolean batchable(Op op) {
        return switch (op) {
            case Op.AddVeth v -> v.peerMtu().isEmpty() && v.peerMac().isEmpty();
            case Op.AddBridge ignored -> true;
            case Op.DeleteLink ignored -> true;
            case Op.SetMaster ignored -> true;
            case Op.SetLinkState ignored -> true;
            case Op.SetMtu ignored -> true;
            case Op.SetMac ignored -> true;
            case Op.AddAddress ignored -> true;
            case Op.DeleteAddress ignored -> true;
            case Op.AddRoute ignored -> true;
            case Op.ReplaceRoute ignored -> true;
            case Op.DeleteRoute ignored -> true;
            case Op.AddNamespace ignored -> false;
            case Op.DeleteNamespace ignored -> false;
            case Op.RenameLink ignored -> false;
            case Op.MoveLink ignored -> false;
            case Op.SetSysctl ignored -> false;
            case Op.AddNeighbour ignored -> true;
        };
    }

    /**
     * Queues the requests of a batchable op into {@code batch} (of the op's namespace); returns how many
     * requests it queued. Interface indexes come from the namespace's cache.
     */
    int queue(Batch batch, Op op) {
        int before = batch.size();
        LinkOps links = batch.links();
        switch (op) {
            case Op.AddVeth o -> {
                addVeth(links, o);
                o.mtu().ifPresent(m -> links.setMtu(o.name().value(), m));
                o.mac().ifPresent(m -> links.setMac(o.name().value(), Conversions.mac(m)));
            }
            case Op.AddBridge o -> {
                links.addBridge(o.name().value());
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
            case Op.AddAddress o -> batch.addresses().add(address(o.netns(), o.dev(), o.address()));
            case Op.DeleteAddress o -> batch.addresses().delete(address(o.netns(), o.dev(), o.address()));
            case Op.AddRoute o -> batch.routes().add(route(o.netns(), o.route()));
            case Op.ReplaceRoute o -> batch.routes().replace(route(o.netns(), o.route()));
            case Op.DeleteRoute o -> batch.routes().delete(route(o.netns(), o.route()));
            case Op.AddNeighbour o -> batch.neighbours().add(neighbour(o));
            default -> throw new IllegalArgumentException("not batchable: " + op.command());
        }
        return batch.size() - before;
    }

    /** The op's failure from a batch's refusal of one of its requests. */
    static OpException failure(Op op, NativeException e) {
        if (e.is(Errno.ENODEV) && device(op) != null) {
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
            case Op.AddNamespace o -> null;
            case Op.DeleteNamespace o -> null;
            case Op.AddVeth o -> null;
            case Op.AddBridge o -> null;
            case Op.SetSysctl o -> null;
            case Op.AddNeighbour o -> o.dev().value();
        };
    }

    private void addVeth(Op.AddVeth o) {
        LinkOps here = links(o.netns());
        addVeth(here, o);
        o.mtu().ifPresent(m -> here.setMtu(o.name().value(), m));
        o.mac().ifPresent(m -> here.setMac(o.name().value(), Conversions.mac(m)));
        if (o.peerMtu().isPresent() || o.peerMac().isPresent()) {
            LinkOps there = links(o.peerNetns());
            o.peerMtu().ifPresent(m -> there.setMtu(o.peer().value(), m));
            o.peerMac().ifPresent(m -> there.setMac(o.peer().value(), Conversions.mac(m)));
        }
    }

    /** The veth request, with both ends' indexes when {@link Namespaces#reserve} chose them. */
    private void addVeth(LinkOps links, Op.AddVeth o) {
        int[] index = namespaces.reserve(o);
        if (index == null) {
            links.addVeth(o.name().value(), o.peer().value(), namespaces.netns(o.peerNetns()));
        } else {
            links.addVeth(o.name().value(), index[0], o.peer().value(), index[1], namespaces.netns(o.peerNetns()));
        }
    }

    private io.nslab.netlink.NeighbourInfo neighbour(Op.AddNeighbour o) {
        return io.nslab.netlink.NeighbourInfo.permanent(index(o.netns(), o.dev()), o.address().toString(), o.mac().toString());
    }

    private AddressInfo address(String netns, IfName dev, io.nslab.model.IpPrefix prefix) {
        AddressInfo a = AddressInfo.of(index(netns, dev), Conversions.prefix(prefix));
        if (prefix.address().isV4() && prefix.address().isLoopback()) {
            a = a.withScope(Scope.HOST); // iproute2 gives 127/8 addresses host scope
        }
        return prefix.address().isV4() ? a : a.nodad();
    }

    private RouteInfo route(String netns, Route r) {
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
            info = info.dev(index(netns, r.dev().get()));
        }
        if (r.metric().isPresent()) {
            info = info.metric(r.metric().getAsInt());
        }
        if (r.src().isPresent()) {
            info = info.source(r.src().get().toString());
        }
        return info.onlink(r.onlink());
    }

    private int index(String netns, IfName dev) {
        return namespaces.index(netns, dev.value());
    }

    private LinkOps links(String netns) {
        return netlink(netns).links();
    }

    private Netlink netlink(String netns) {
        return namespaces.netlink(netns);
    }
}
