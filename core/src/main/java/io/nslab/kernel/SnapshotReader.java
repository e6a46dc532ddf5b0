package io.nslab.kernel;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.netlink.AddressInfo;
import io.nslab.netlink.Errno;
import io.nslab.netlink.LinkInfo;
import io.nslab.netlink.Netlink;
import io.nslab.netlink.RouteInfo;
import io.nslab.netlink.Scope;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.OperState;
import io.nslab.state.RouteKind;
import io.nslab.state.RouteState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads namespaces back from the kernel into state records: what {@code status} shows and the worlds compare. */
final class SnapshotReader {
    /** Sysctls read back per namespace: the ones whose effect the simulator models. */
    static final List<String> SYSCTLS = List.of("net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding",
            "net.ipv4.conf.all.rp_filter", "net.ipv6.conf.all.forwarding");

    private final Namespaces namespaces;

    SnapshotReader(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    /** Which sysctls a snapshot reads: none (the configuration only), the few status shows, or all the simulator models. */
    enum Sysctls {
        NONE, SOME, ALL
    }

    Snapshot read(List<? extends NamespaceRef> netnsNames) {
        return read(netnsNames, Sysctls.SOME);
    }

    /**
     * The namespaces' state, permanent neighbour entries included; {@code detailed} adds every sysctl the simulator
     * models (per device too): what loading the kernel's state into the simulator needs.
     */
    Snapshot read(List<? extends NamespaceRef> netnsNames, Sysctls detailed) {
        Map<NamespaceRef, List<LinkInfo>> links = new java.util.concurrent.ConcurrentHashMap<>();
        RuntimeException failed = io.nslab.netlink.Parallel.forEach(netnsNames.size(), threads(netnsNames.size()),
                i -> links.put(netnsNames.get(i), namespaces.netlink(netnsNames.get(i)).links().list()));
        if (failed != null) {
            throw failed;
        }
        Map<NamespaceRef, List<LinkInfo>> ordered = new LinkedHashMap<>();
        netnsNames.forEach(n -> ordered.put(n, links.get(n)));
        pairs.clear();
        ordered.forEach((ns, infos) -> infos.stream().filter(l -> "veth".equals(l.kind()))
                .forEach(l -> pairs.computeIfAbsent(List.of(l.index(), l.linkIndex()), k -> new ArrayList<>()).add(Map.entry(ns, l))));
        NamespaceState[] out = new NamespaceState[netnsNames.size()];
        failed = io.nslab.netlink.Parallel.forEach(netnsNames.size(), threads(netnsNames.size()),
                i -> out[i] = namespace(netnsNames.get(i), ordered, detailed));
        if (failed != null) {
            throw failed;
        }
        return new Snapshot(List.of(out));
    }

    /** Veths by (index, link index), in every namespace read: how a veth finds its other end without asking. */
    private final Map<List<Integer>, List<Map.Entry<NamespaceRef, LinkInfo>>> pairs = new HashMap<>();

    /** One thread for a few namespaces; for many, the namespace reads overlap their waits on the kernel. */
    private static int threads(int namespaces) {
        return namespaces < 16 ? 1 : Concurrency.sendThreads() * 2;
    }

    private NamespaceState namespace(NamespaceRef ns, Map<NamespaceRef, List<LinkInfo>> all, Sysctls detailed) {
        Netlink nl = namespaces.netlink(ns);
        List<LinkInfo> infos = all.get(ns);
        Map<Integer, LinkInfo> byIndex = new HashMap<>();
        infos.forEach(l -> byIndex.put(l.index(), l));
        Map<NamespaceRef, java.util.OptionalInt> nsids = new HashMap<>();
        List<LinkState> links = new ArrayList<>();
        for (LinkInfo l : infos) {
            links.add(new LinkState(l.index(), IfName.of(l.name()), kind(l), l.isUp(), l.isLowerUp(),
                    OperState.valueOf(l.state().name()), l.mtu(),
                    l.mac().map(Conversions::mac).orElse(new io.nslab.model.MacAddress(0)),
                    l.hasMaster() && byIndex.containsKey(l.masterIndex())
                            ? Optional.of(IfName.of(byIndex.get(l.masterIndex()).name())) : Optional.empty(),
                    peer(ns, l, all, nsids)));
        }
        List<AddressState> addresses = new ArrayList<>();
        for (AddressInfo a : nl.addresses().list()) {
            LinkInfo dev = byIndex.get(a.index());
            if (dev == null) {
                continue;
            }
            addresses.add(new AddressState(IfName.of(dev.name()), Conversions.prefix(a.prefix()), scope(a.scope()),
                    (a.flags() & 0x01) != 0, Optional.empty()));
        }
        List<RouteState> routes = new ArrayList<>();
        for (RouteInfo r : routes(nl)) {
            LinkInfo dev = byIndex.get(r.outputIndex());
            routes.add(new RouteState(r.table(), RouteKind.valueOf(r.type().name()), Conversions.prefix(r.destination()),
                    Optional.ofNullable(r.gateway()).map(Conversions::address),
                    Optional.ofNullable(dev).map(d -> IfName.of(d.name())), r.protocol(), scope(r.scope()),
                    Optional.ofNullable(r.preferredSource()).map(Conversions::address), r.metric(),
                    r.linkdown(), r.onlink()));
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<String> keys = switch (detailed) {
            case NONE -> List.of();
            case SOME -> SYSCTLS;
            case ALL -> io.nslab.state.SysctlKeys.all(infos.stream().map(LinkInfo::name).toList());
        };
        if (!keys.isEmpty()) {
            namespaces.netns(ns).call(() -> {
                for (String key : keys) {
                    // a device without IPv6 (MTU below 1280) has no conf/ipv6 block
                    if (detailed == Sysctls.SOME || io.nslab.netlink.Sysctls.existsHere(key)) {
                        sysctls.put(key, io.nslab.netlink.Sysctls.readHere(key)); // one read: Files.readString gives "6" for 64
                    }
                }
                return null;
            });
        }
        List<io.nslab.state.NeighbourState> neighbours = new ArrayList<>();
        for (io.nslab.netlink.NeighbourInfo n : nl.neighbours().list()) {
            LinkInfo dev = byIndex.get(n.index());
            if (dev != null && n.state() == io.nslab.netlink.msg.Nda.NUD_PERMANENT && n.lladdr().isPresent()
                    && !n.destination().isMulticastAddress()) {
                neighbours.add(new io.nslab.state.NeighbourState(IfName.of(dev.name()), Conversions.address(n.destination()),
                        Conversions.mac(n.lladdr().get())));
            }
        }
        return new NamespaceState(ns, links, addresses, routes, sysctls, neighbours);
    }

    /** Every route of every table, IPv4 then IPv6; a family with no table yet dumps as ENOENT. */
    private static List<RouteInfo> routes(Netlink nl) {
        List<RouteInfo> out = new ArrayList<>();
        for (int family : new int[] {io.nslab.netlink.IpPrefix.AF_INET, io.nslab.netlink.IpPrefix.AF_INET6}) {
            try {
                out.addAll(nl.routes().list(family, 0));
            } catch (io.nslab.netlink.NetlinkException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw e;
                }
            }
        }
        return out;
    }

    /**
     * The other end of a veth: the link whose index is this one's IFLA_LINK, in the namespace that this one's
     * IFLA_LINK_NETNSID names. Indexes are per namespace, so without the id two namespaces can both hold a
     * matching pair of indexes; {@code nsids} caches the ids this namespace gives the others.
     */
    private Optional<LinkState.Peer> peer(NamespaceRef ns, LinkInfo l, Map<NamespaceRef, List<LinkInfo>> all,
                                          Map<NamespaceRef, java.util.OptionalInt> nsids) {
        if (!"veth".equals(l.kind()) || l.linkIndex() == 0) {
            return Optional.empty();
        }
        if (l.peerNetnsId().isEmpty()) {
            return all.get(ns).stream().filter(o -> o.index() == l.linkIndex()).findFirst()
                    .map(o -> new LinkState.Peer(ns, IfName.of(o.name())));
        }
        // the veths elsewhere whose index is this one's link and whose link is this one's index: one, almost always
        List<Map.Entry<NamespaceRef, LinkInfo>> candidates = pairs.getOrDefault(List.of(l.linkIndex(), l.index()), List.of())
                .stream().filter(c -> !c.getKey().equals(ns)).toList();
        if (candidates.size() == 1) {
            return Optional.of(new LinkState.Peer(candidates.getFirst().getKey(), IfName.of(candidates.getFirst().getValue().name())));
        }
        for (Map.Entry<NamespaceRef, LinkInfo> c : candidates) { // several: the one in the namespace the id names
            java.util.OptionalInt id = nsids.computeIfAbsent(c.getKey(), other -> namespaces.netlink(ns).netnsId(namespaces.netns(other)));
            if (id.isPresent() && id.getAsInt() == l.peerNetnsId().getAsInt()) {
                return Optional.of(new LinkState.Peer(c.getKey(), IfName.of(c.getValue().name())));
            }
        }
        return Optional.empty();
    }

    private static LinkKind kind(LinkInfo l) {
        if ((l.flags() & io.nslab.netlink.msg.IfInfoMsg.IFF_LOOPBACK) != 0) {
            return LinkKind.LOOPBACK;
        }
        return switch (l.kind() == null ? "" : l.kind()) {
            case "veth" -> LinkKind.VETH;
            case "bridge" -> LinkKind.BRIDGE;
            default -> LinkKind.OTHER;
        };
    }

    static AddressScope scope(int scope) {
        return switch (scope) {
            case Scope.UNIVERSE -> AddressScope.UNIVERSE;
            case Scope.SITE -> AddressScope.SITE;
            case Scope.LINK -> AddressScope.LINK;
            case Scope.HOST -> AddressScope.HOST;
            default -> AddressScope.NOWHERE;
        };
    }
}
