package io.nslab.fidelity;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.Family;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Isolation;
import io.nslab.model.Lab;
import io.nslab.model.Loopback;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a {@link Blueprint} into a lab that validation accepts: a duplicate address is left out, a link that
 * would close a loop of bridges is left out (no STP: a broadcast would circle for ever), a gateway is always
 * a neighbour on one of the node's connected subnets (or the route is {@code onlink}), and a second route to
 * the same destination with the same metric is left out. What validation does not catch is kept: the kernel
 * may still refuse an op, and then both worlds must refuse it alike.
 */
public final class BlueprintLab {
    private static final IfName BRIDGE = IfName.of("br0");
    private static final int[] SHAPES = {24, 24, 30, 31, 32, 16};

    private final Blueprint bp;
    private final int n;
    private final Set<IpAddress> used = new HashSet<>();
    private final List<List<Endpoint>> ends = new ArrayList<>();
    private final List<List<IpPrefix>> bridgeAddresses = new ArrayList<>();

    private BlueprintLab(Blueprint bp) {
        this.bp = bp;
        this.n = bp.nodes().size();
        for (int i = 0; i < n; i++) {
            ends.add(new ArrayList<>());
            bridgeAddresses.add(new ArrayList<>());
        }
    }

    public static Lab build(Blueprint bp, String name) {
        return new BlueprintLab(bp).build(name);
    }

    private Lab build(String name) {
        List<VethLink> links = links();
        List<Loopback> loopbacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Blueprint.NodeGene g = bp.nodes().get(i);
            List<IpPrefix> lo = new ArrayList<>();
            if (g.loopbackAddress()) {
                lo.add(claim(IpPrefix.parse("10.255.0." + (i + 1) + "/32")).orElseThrow());
            }
            loopbacks.add(new Loopback(!g.loopbackDown(), lo));
            if (g.bridge() != 0 && g.bridgeAddress()) {
                claim(IpPrefix.parse("10.0." + g.bridgeSubnet() + "." + (100 + i) + "/24")).ifPresent(bridgeAddresses.get(i)::add);
            }
        }
        List<Map<String, String>> sysctls = sysctls();
        List<List<Route>> routes = routes(loopbacks);
        List<Placed> placed = placed(loopbacks);
        List<IpAddress> all = placed.stream().map(p -> p.prefix().address()).filter(IpAddress::isV4).toList();
        List<IpPrefix> prefixes = destinations(placed).stream().filter(p -> p.address().isV4() && p.length() > 0).toList();
        Map<NodeName, Node> nodes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Blueprint.NodeGene g = bp.nodes().get(i);
            List<Bridge> bridges = g.bridge() == 0 ? List.of() : List.of(new Bridge(BRIDGE,
                    ends.get(i).stream().map(Endpoint::ifname).toList(), bridgeAddresses.get(i), OptionalInt.empty(),
                    Optional.empty(), g.bridge() == 1));
            int node = i;
            // a node with a bridge gets no rules: br_netfilter would run bridged frames through them, which the
            // simulator does not model
            List<Blueprint.RuleGene> genes = g.bridge() != 0 ? List.of() : bp.rules().stream().filter(r -> r.node() % n == node).toList();
            List<IpAddress> own = placed.stream().filter(p -> p.node() == node && p.prefix().address().isV4())
                    .map(p -> p.prefix().address()).toList();
            io.nslab.firewall.Ruleset firewall = BlueprintFirewall.of(genes, ends.get(i).stream().map(Endpoint::ifname).toList(),
                    own, all, prefixes);
            nodes.put(nodeName(i), new Node(nodeName(i), loopbacks.get(i), sysctls.get(i), routes.get(i), bridges, Isolation.NONE, firewall));
        }
        return new Lab(name, "", nodes, links, List.of());
    }

    private static NodeName nodeName(int i) {
        return NodeName.of("n" + i);
    }

    private boolean bridged(int node) {
        return bp.nodes().get(node).bridge() != 0;
    }

    private List<VethLink> links() {
        int[] bridgeGroup = new int[n];
        for (int i = 0; i < n; i++) {
            bridgeGroup[i] = i;
        }
        List<VethLink> out = new ArrayList<>();
        for (Blueprint.LinkGene g : bp.links()) {
            int a = g.a() % n;
            int b = g.b() % n;
            if (bridged(a) && bridged(b)) {
                int ra = root(bridgeGroup, a);
                int rb = root(bridgeGroup, b);
                if (ra == rb) {
                    continue; // a second path between bridges: a loop without STP
                }
                bridgeGroup[ra] = rb;
            }
            List<List<IpPrefix>> addresses = addresses(g);
            Endpoint ea = endpoint(a, bridged(a) ? List.of() : addresses.get(0), g.down() != 1 && g.down() != 3);
            ends.get(a).add(ea);
            Endpoint eb = endpoint(b, bridged(b) ? List.of() : addresses.get(1), g.down() != 2 && g.down() != 3);
            ends.get(b).add(eb);
            out.add(new VethLink(ea, eb));
        }
        return out;
    }

    private static int root(int[] group, int i) {
        while (group[i] != i) {
            i = group[i];
        }
        return i;
    }

    private Endpoint endpoint(int node, List<IpPrefix> addresses, boolean up) {
        IfName name = IfName.of("e" + ends.get(node).size());
        return new Endpoint(nodeName(node), name, addresses, OptionalInt.empty(), Optional.empty(), up);
    }

    /** The addresses of end a and end b; an address already in the lab is left out. */
    private List<List<IpPrefix>> addresses(Blueprint.LinkGene g) {
        int len = SHAPES[g.shape()];
        int s = g.subnet();
        String net = "10.0." + s + ".";
        List<String> v4 = switch (len) {
            case 30 -> List.of(net + (4 * g.hostA() + 1), net + (4 * g.hostA() + 2));
            case 31 -> List.of(net + (2 * g.hostA()), net + (2 * g.hostA() + 1));
            default -> List.of(net + g.hostA(), net + g.hostB());
        };
        List<List<IpPrefix>> out = List.of(new ArrayList<>(), new ArrayList<>());
        for (int side = 0; side < 2; side++) {
            claim(IpPrefix.parse(v4.get(side) + "/" + len)).ifPresent(out.get(side)::add);
            if (g.ipv6() != 0) {
                int host = side == 0 ? g.hostA() : g.hostB();
                claim(IpPrefix.parse("fd00:" + s + "::" + host + (g.ipv6() == 1 ? "/64" : "/128"))).ifPresent(out.get(side)::add);
            }
        }
        return out;
    }

    private Optional<IpPrefix> claim(IpPrefix p) {
        return used.add(p.address()) ? Optional.of(p) : Optional.empty();
    }

    private List<Map<String, String>> sysctls() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Blueprint.NodeGene g : bp.nodes()) {
            Map<String, String> s = new LinkedHashMap<>();
            if (g.forwarding()) {
                s.put("net.ipv4.ip_forward", "1");
            }
            if (g.rpFilter() != 0) {
                s.put("net.ipv4.conf.all.rp_filter", Integer.toString(g.rpFilter()));
            }
            if (g.ipv6Forwarding()) {
                s.put("net.ipv6.conf.all.forwarding", "1");
            }
            out.add(s);
        }
        for (Blueprint.SysctlGene g : bp.sysctls()) {
            int node = g.node() % n;
            List<Endpoint> own = ends.get(node);
            if (own.isEmpty()) {
                continue;
            }
            IfName dev = own.get(g.iface() % own.size()).ifname();
            if (g.key() == 0) {
                out.get(node).put("net.ipv4.conf." + dev + ".forwarding", Integer.toString(g.value() % 2));
            } else {
                out.get(node).put("net.ipv4.conf." + dev + ".rp_filter", Integer.toString(g.value() % 3));
            }
        }
        return out;
    }

    /** Every address of the lab with the interface it is on and whether that interface is up. */
    private record Placed(int node, IfName dev, IpPrefix prefix, boolean up) {
    }

    private List<Placed> placed(List<Loopback> loopbacks) {
        List<Placed> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (IpPrefix p : loopbacks.get(i).addresses()) {
                out.add(new Placed(i, Loopback.NAME, p, loopbacks.get(i).up()));
            }
            for (Endpoint e : ends.get(i)) {
                for (IpPrefix p : e.addresses()) {
                    out.add(new Placed(i, e.ifname(), p, e.up()));
                }
            }
            for (IpPrefix p : bridgeAddresses.get(i)) {
                out.add(new Placed(i, BRIDGE, p, bp.nodes().get(i).bridge() == 1));
            }
        }
        return out;
    }

    /** Destinations worth routing to: every subnet and host of the lab, halves of /24s, defaults, and elsewhere. */
    private static List<IpPrefix> destinations(List<Placed> all) {
        Set<IpPrefix> out = new LinkedHashSet<>();
        for (Placed p : all) {
            IpPrefix a = p.prefix();
            if (!a.isHost()) {
                out.add(a.network());
            }
            out.add(new IpPrefix(a.address(), a.family().bits()));
            if (a.address().isV4() && a.length() == 24) {
                out.add(new IpPrefix(a.network().address(), 25));
                out.add(new IpPrefix(a.address().masked(25), 25));
            }
        }
        out.add(IpPrefix.defaultRoute(Family.INET));
        out.add(IpPrefix.parse("10.255.0.0/24"));
        out.add(IpPrefix.parse("192.0.2.0/24"));
        out.add(IpPrefix.parse("10.0.0.0/8"));
        out.add(IpPrefix.defaultRoute(Family.INET6));
        return List.copyOf(out);
    }

    private List<List<Route>> routes(List<Loopback> loopbacks) {
        List<Placed> all = placed(loopbacks);
        List<IpPrefix> destinations = destinations(all);
        List<List<Route>> out = new ArrayList<>();
        List<Set<String>> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
            taken.add(new HashSet<>());
        }
        for (Blueprint.RouteGene g : bp.routes()) {
            int node = g.node() % n;
            IpPrefix dst = destinations.get(g.destination() % destinations.size());
            OptionalInt metric = switch (g.metric()) {
                case 1 -> OptionalInt.of(10);
                case 2 -> OptionalInt.of(100);
                default -> OptionalInt.empty();
            };
            Optional<Route> r = route(node, g, dst, metric, all);
            int effective = metric.orElse(dst.address().isV4() ? 0 : 1024);
            if (r.isPresent() && taken.get(node).add(dst + " " + effective)) {
                out.get(node).add(r.get());
            }
        }
        return out;
    }

    private Optional<Route> route(int node, Blueprint.RouteGene g, IpPrefix dst, OptionalInt metric, List<Placed> all) {
        Family family = dst.family();
        // the node's up interfaces with a subnet of this family, and the neighbours on those subnets
        List<Placed> connected = all.stream().filter(p -> p.node() == node && p.up() && p.prefix().family() == family
                && !p.prefix().isHost() && !p.dev().equals(Loopback.NAME)).toList();
        List<Placed> gateways = all.stream().filter(p -> p.node() != node
                && connected.stream().anyMatch(c -> c.prefix().network().contains(p.prefix().address()))).toList();
        List<IfName> upDevices = connected.stream().map(Placed::dev).distinct().toList();
        int kind = g.kind();
        if (kind == 0 && gateways.isEmpty()) {
            kind = 1;
        }
        if (kind == 2 && family == Family.INET6) {
            kind = 1;
        }
        if ((kind == 1 || kind == 2) && upDevices.isEmpty()) {
            kind = 4;
        }
        return Optional.of(switch (kind) {
            case 0 -> {
                Placed gw = gateways.get(g.gateway() % gateways.size());
                yield new Route(RouteType.UNICAST, dst, Optional.of(gw.prefix().address()), Optional.empty(), metric,
                        Optional.empty(), false);
            }
            case 1 -> new Route(RouteType.UNICAST, dst, Optional.empty(), Optional.of(upDevices.get(g.gateway() % upDevices.size())),
                    metric, Optional.empty(), false);
            case 2 -> {
                List<Placed> others = all.stream().filter(p -> p.node() != node && p.prefix().family() == family).toList();
                if (others.isEmpty()) {
                    yield new Route(RouteType.UNREACHABLE, dst, Optional.empty(), Optional.empty(), metric, Optional.empty(), false);
                }
                yield new Route(RouteType.UNICAST, dst, Optional.of(others.get(g.gateway() % others.size()).prefix().address()),
                        Optional.of(upDevices.get(g.gateway() % upDevices.size())), metric, Optional.empty(), true);
            }
            case 3 -> new Route(RouteType.BLACKHOLE, dst, Optional.empty(), Optional.empty(), metric, Optional.empty(), false);
            case 5 -> new Route(RouteType.PROHIBIT, dst, Optional.empty(), Optional.empty(), metric, Optional.empty(), false);
            default -> new Route(RouteType.UNREACHABLE, dst, Optional.empty(), Optional.empty(), metric, Optional.empty(), false);
        });
    }
}
