package io.nslab.model.load;

import io.nslab.model.Bridge;
import io.nslab.model.Check;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Loopback;
import io.nslab.model.MacAddress;
import io.nslab.model.NeighbourMode;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.Route;
import io.nslab.model.Impairment;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a raw lab into a {@link Lab}: applies defaults, parses values, and checks that the
 * parts fit together (names, interfaces, addresses, bridges), delegating routes, settings and
 * checks. Every problem is collected; the lab is built only when there are none.
 */
final class LabResolver {
    private final Problems problems;
    private final Values values;
    private final Map<String, NodeInterfaces> interfaces = new LinkedHashMap<>();
    private final Map<IpAddress, Position> addressSeen = new HashMap<>();
    private final Map<MacAddress, Position> macSeen = new HashMap<>();
    private final Map<String, NeighbourMode> nodeNeighbours = new HashMap<>();
    private NeighbourMode defaultNeighbours = NeighbourMode.DYNAMIC;

    LabResolver(Problems problems) {
        this.problems = problems;
        this.values = new Values(problems);
    }

    Optional<Lab> resolve(RawLab raw) {
        String name = labName(raw);
        String prefix = netnsPrefix(raw, name);
        if (raw.nodes().isEmpty()) {
            problems.add(raw.start(), "the lab has no nodes; add nodes: with at least one node");
        }
        for (RawNode n : raw.nodes()) {
            String problem = NodeName.problem(n.name().value());
            if (problem != null) {
                problems.add(n.name().position(), problem);
            }
            NodeInterfaces ifs = new NodeInterfaces();
            ifs.add(new NodeInterfaces.Iface("lo", n.name().position(), true, addresses(n.loopbackAddresses())));
            interfaces.put(n.name().value(), ifs);
        }
        defaultNeighbours = neighbourMode(raw.defaults().neighbours(), NeighbourMode.DYNAMIC);
        for (RawNode n : raw.nodes()) {
            nodeNeighbours.put(n.name().value(), neighbourMode(n.settings().neighbours(), defaultNeighbours));
        }
        List<VethLink> links = new ArrayList<>();
        for (RawLink l : raw.links()) {
            link(l, raw.defaultMtu()).ifPresent(links::add);
        }
        Map<NodeName, Node> nodes = new LinkedHashMap<>();
        SettingsResolver settings = new SettingsResolver(problems);
        Map<String, String> defaultSysctls = settings.defaultSysctls(raw.defaults());
        settings.checkDefaults(raw.defaults());
        RouteResolver routes = new RouteResolver(problems);
        for (RawNode n : raw.nodes()) {
            NodeInterfaces ifs = interfaces.get(n.name().value());
            List<Bridge> bridges = new ArrayList<>();
            Set<String> enslaved = new HashSet<>();
            for (RawBridge b : n.bridges()) {
                bridge(n.name().value(), b, ifs, enslaved).ifPresent(bridges::add);
            }
            Loopback lo = new Loopback(settings.loopbackUp(n.settings(), raw.defaults()),
                    ifs.get("lo").map(NodeInterfaces.Iface::addresses).orElse(List.of()));
            var sysctls = settings.sysctls(n.name().value(), n.settings(), defaultSysctls, ifs);
            var isolation = settings.isolation(n.name().value(), n.settings(), raw.defaults());
            var nodeRoutes = routes.resolve(n.name().value(), n.routes(), ifs);
            var firewall = n.firewall() == null ? io.nslab.firewall.Ruleset.EMPTY
                    : new FirewallResolver(problems).resolve(n.name().value(), n.firewall(), ifs);
            io.nslab.model.Startup startup = n.startup().resolve(n.name().value(), problems);
            if (NodeName.problem(n.name().value()) == null && startup != null) {
                nodes.put(NodeName.of(n.name().value()), new Node(NodeName.of(n.name().value()), lo, sysctls, nodeRoutes, bridges, isolation,
                        firewall, startup));
            }
        }
        List<Route> hostRoutes = hostRoutes(raw, routes);
        CheckResolver checkResolver = new CheckResolver(problems);
        List<Check> checks = new ArrayList<>();
        for (RawCheck c : raw.checks()) {
            Check check = checkResolver.resolve(c, interfaces);
            if (check != null) {
                checks.add(check);
            }
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Lab(name, prefix, nodes, links, checks, hostRoutes));
    }

    private String labName(RawLab raw) {
        if (raw.name() == null) {
            problems.add(raw.start(), "the lab needs a name: (it names /run/nslab/<name> and, by default, prefixes its namespaces)");
            return "lab";
        }
        String problem = NodeName.problem(raw.name().value());
        if (problem != null) {
            problems.add(raw.name().position(), problem.replace("node name", "lab name"));
        }
        return raw.name().value();
    }

    private String netnsPrefix(RawLab raw, String name) {
        if (raw.netnsPrefix() == null) {
            return name + "-";
        }
        String p = raw.netnsPrefix().value();
        if (!p.matches("[A-Za-z0-9_.-]{0,64}") || p.startsWith(".")) {
            problems.add(raw.netnsPrefix().position(), "netns-prefix \"" + p + "\" must be letters, digits, '-', '_' or '.' (not first), at most 64");
        }
        return p;
    }

    private Optional<VethLink> link(RawLink l, Located<Integer> defaultMtu) {
        if (l.endpoints().size() != 2) {
            problems.add(l.position(), "a veth link joins exactly two endpoints, not " + l.endpoints().size());
            return Optional.empty();
        }
        NeighbourMode linkMode = l.neighbours() == null ? null : neighbourMode(l.neighbours(), NeighbourMode.DYNAMIC);
        Endpoint a = endpoint(l.endpoints().get(0), l.mtu() != null ? l.mtu() : defaultMtu, linkMode);
        Endpoint b = endpoint(l.endpoints().get(1), l.mtu() != null ? l.mtu() : defaultMtu, linkMode);
        if (a == null || b == null) {
            return Optional.empty();
        }
        Impairment[] out = ImpairResolver.resolve(l.impair(), a, b, problems);
        return Optional.of(new VethLink(a, b, out[0], out[1]));
    }

    /**
     * The {@code host:} section's routes: only where the lab has host endpoints, and each through one of them
     * (a gateway on a host endpoint's subnet, or {@code dev} a host endpoint), so that they go when the lab does.
     */
    private List<Route> hostRoutes(RawLab raw, RouteResolver routes) {
        if (raw.host() == null) {
            return List.of();
        }
        if (raw.nodes().stream().anyMatch(n -> n.name().value().equals(Lab.HOST.value()))) {
            problems.add(raw.host(), "the lab declares a node called host, so host: cannot mean the host itself; rename the node");
            return List.of();
        }
        NodeInterfaces ifs = interfaces.get(Lab.HOST.value());
        if (ifs == null) {
            problems.add(raw.host(), "host routes need a host endpoint: a link with an end host:IFNAME");
            return List.of();
        }
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < raw.hostRoutes().size(); i++) {
            RawRoute r = raw.hostRoutes().get(i);
            List<Route> one = routes.resolve(Lab.HOST.value(), List.of(r), ifs);
            for (Route route : one) {
                if (route.type() != io.nslab.model.RouteType.UNICAST || (route.via().isEmpty() && route.dev().isEmpty())) {
                    problems.add(r.position(), "a host route must go through a host endpoint (via a gateway on its subnet, "
                            + "or dev IFNAME), so that it goes with the lab; " + route.type().keyword() + " routes are not allowed");
                } else if (out.stream().anyMatch(o -> o.destination().network().equals(route.destination().network())
                        && o.metric().equals(route.metric()))) {
                    problems.add(r.position(), "route to " + route.destination() + " is already in host:");
                } else {
                    out.add(route);
                }
            }
        }
        return out;
    }

    /** {@code static} or {@code dynamic}; {@code fallback} when not given (or wrong, after reporting it). */
    private NeighbourMode neighbourMode(Located<String> s, NeighbourMode fallback) {
        if (s == null) {
            return fallback;
        }
        for (NeighbourMode m : NeighbourMode.values()) {
            if (m.word().equals(s.value())) {
                return m;
            }
        }
        problems.add(s.position(), "neighbours must be static (permanent entries for every peer, no ARP) or dynamic "
                + "(ARP and NDP, the kernel's default), not \"" + s.value() + "\"");
        return fallback;
    }

    private Endpoint endpoint(RawEndpoint e, Located<Integer> linkMtu, NeighbourMode linkMode) {
        if (e.node() == null || e.ifname() == null) {
            return null;
        }
        NodeInterfaces ifs = interfaces.get(e.node().value());
        boolean host = ifs == null && e.node().value().equals(Lab.HOST.value());
        if (host) {
            // host:IFNAME, with no node called host: an interface in the host's own namespace
            ifs = interfaces.computeIfAbsent(Lab.HOST.value(), k -> new NodeInterfaces());
            if (e.ifname() != null && e.ifname().value().equals("lo")) {
                problems.add(e.ifname().position(), "the host's lo exists already; a host endpoint is a new interface "
                        + "in the host's own network namespace, such as host:veth-lab");
                return null;
            }
        }
        if (ifs == null) {
            problems.add(e.node().position(), "unknown node \"" + e.node().value() + "\" in link endpoint \""
                    + e.node().value() + ":" + e.ifname().value() + "\"" + Suggestions.hint(e.node().value(), interfaces.keySet()));
        }
        IfName ifname = values.ifname(e.ifname());
        List<IpPrefix> addresses = addresses(e.addresses());
        MacAddress mac = mac(e.mac());
        boolean up = e.up() == null || e.up().value();
        if (ifs == null || ifname == null || NodeName.problem(e.node().value()) != null) {
            return null; // an unknown node, or one whose name was refused where it is declared
        }
        Optional<NodeInterfaces.Iface> earlier = ifs.add(new NodeInterfaces.Iface(ifname.value(), e.ifname().position(), up, addresses));
        if (earlier.isPresent()) {
            problems.add(e.ifname().position(), "node \"" + e.node().value() + "\" already has an interface \"" + ifname + "\""
                    + (ifname.value().equals("lo") ? " (its loopback)" : " at " + earlier.get().position().lineColumn()));
            return null;
        }
        Located<Integer> mtu = e.mtu() != null ? e.mtu() : linkMtu;
        NeighbourMode mode = linkMode != null ? linkMode : nodeNeighbours.getOrDefault(e.node().value(), defaultNeighbours);

        return new Endpoint(NodeName.of(e.node().value()), ifname, addresses,
                mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu.value()), Optional.ofNullable(mac), up, mode);
    }

    private Optional<Bridge> bridge(String node, RawBridge b, NodeInterfaces ifs, Set<String> enslaved) {
        IfName name = values.ifname(b.name());
        List<IpPrefix> addresses = addresses(b.addresses());
        MacAddress mac = mac(b.mac());
        List<IfName> ports = new ArrayList<>();
        for (Located<String> p : b.ports()) {
            Optional<NodeInterfaces.Iface> port = ifs.get(p.value());
            if (p.value().equals("lo")) {
                problems.add(p.position(), "lo cannot be a bridge port; ports are veth ends");
            } else if (port.isEmpty()) {
                problems.add(p.position(), "bridge port \"" + p.value() + "\" is not a link endpoint of node \"" + node + "\""
                        + Suggestions.hint(p.value(), ifs.all().stream().map(NodeInterfaces.Iface::name).toList()));
            } else if (p.value().equals(b.name().value()) || isBridgeName(p.value(), ifs, enslaved)) {
                problems.add(p.position(), "bridge port \"" + p.value() + "\" is a bridge; ports are veth ends");
            } else if (!enslaved.add(p.value())) {
                problems.add(p.position(), "interface \"" + p.value() + "\" is already a port of a bridge; a port has one master");
            } else {
                ports.add(IfName.of(p.value()));
            }
        }
        if (name == null) {
            return Optional.empty();
        }
        boolean up = b.up() == null || b.up().value();
        Optional<NodeInterfaces.Iface> earlier = ifs.add(new NodeInterfaces.Iface(name.value(), b.name().position(), up, addresses));
        if (earlier.isPresent()) {
            problems.add(b.name().position(), "node \"" + node + "\" already has an interface \"" + name + "\" at " + earlier.get().position().lineColumn());
            return Optional.empty();
        }
        bridgeNames.add(node + "\0" + name.value());
        return Optional.of(new Bridge(name, ports, addresses, b.mtu() == null ? OptionalInt.empty() : OptionalInt.of(b.mtu().value()),
                Optional.ofNullable(mac), up, nodeNeighbours.getOrDefault(node, defaultNeighbours)));
    }

    private final Set<String> bridgeNames = new HashSet<>();

    private boolean isBridgeName(String port, NodeInterfaces ifs, Set<String> enslaved) {
        return bridgeNames.stream().anyMatch(n -> n.endsWith("\0" + port)) && ifs.has(port);
    }

    private List<IpPrefix> addresses(List<Located<String>> raw) {
        List<IpPrefix> out = new ArrayList<>();
        for (Located<String> s : raw) {
            IpPrefix p = values.interfaceAddress(s);
            if (p == null) {
                continue;
            }
            Position first = addressSeen.putIfAbsent(p.address(), s.position());
            if (first != null) {
                problems.add(s.position(), "address " + p.address() + " is already used at " + first.lineColumn());
                continue;
            }
            out.add(p);
        }
        return out;
    }

    private MacAddress mac(Located<String> s) {
        MacAddress m = values.mac(s);
        if (m != null) {
            Position first = macSeen.putIfAbsent(m, s.position());
            if (first != null) {
                problems.add(s.position(), "MAC " + m + " is already used at " + first.lineColumn());
                return null;
            }
        }
        return m;
    }
}
