package io.nslab.model.load;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the YAML of a lab file into raw records: structure and types only; meaning comes later. */
final class LabReader {
    static final Set<String> TOP_KEYS = Set.of("name", "netns-prefix", "defaults", "nodes", "links", "checks", "host");
    static final Set<String> SETTING_KEYS = Set.of("forwarding", "ipv6-forwarding", "rp-filter", "loopback", "sysctls",
            "namespaces", "hostname", "time-offsets", "limits", "hosts-file", "nameservers", "neighbours");
    static final Set<String> LIMIT_KEYS = Set.of("memory", "cpu-weight", "cpu-quota", "pids");
    static final Set<String> DEFAULT_KEYS = union(SETTING_KEYS, Set.of("mtu"));
    static final Set<String> NODE_KEYS = union(SETTING_KEYS, Set.of("routes", "bridges", "firewall", "exec", "services"));
    static final Set<String> LINK_KEYS = Set.of("endpoints", "mtu", "neighbours", "impair");
    static final Set<String> IMPAIR_KEYS = Set.of("rate", "loss", "delay", "jitter");
    static final Set<String> ENDPOINT_KEYS = Set.of("node", "interface", "addresses", "mac", "mtu", "up");
    static final Set<String> BRIDGE_KEYS = Set.of("ports", "addresses", "mac", "mtu", "up");
    static final Set<String> ROUTE_KEYS = Set.of("to", "via", "dev", "metric", "type", "src", "onlink");
    static final Set<String> CHECK_KEYS = Set.of("ping", "tcp", "udp", "expect", "ttl", "from", "count", "timeout", "send-ttl");
    static final Set<String> LOOPBACK_KEYS = Set.of("up", "addresses");
    static final Set<String> TIME_KEYS = Set.of("monotonic", "boottime");

    private final String file;
    private final Problems problems;

    LabReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Optional<RawLab> read(String text) {
        Optional<Node> root = YamlSource.compose(file, text, problems);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Position(file, 1, 1), "the file is empty; a lab needs at least a name and nodes");
            }
            return Optional.empty();
        }
        return YamlMap.of(file, root.get(), "a lab file", problems).map(this::lab);
    }

    private RawLab lab(YamlMap top) {
        top.allowOnly("the lab", TOP_KEYS);
        RawSettings defaults = RawSettings.EMPTY;
        Located<Integer> defaultMtu = null;
        Optional<YamlMap> d = top.node("defaults").flatMap(n -> YamlMap.of(file, n, "defaults", problems));
        if (d.isPresent()) {
            d.get().allowOnly("defaults", DEFAULT_KEYS);
            defaults = settings(d.get());
            defaultMtu = d.get().integer("mtu", 68, 65535);
        }
        List<RawNode> nodes = new ArrayList<>();
        top.node("nodes").flatMap(n -> YamlMap.of(file, n, "nodes", problems)).ifPresent(m -> {
            for (Map.Entry<Located<String>, Node> e : m.entries()) {
                nodes.add(node(e.getKey(), e.getValue()));
            }
        });
        List<RawLink> links = new ArrayList<>();
        for (Node n : top.list("links")) {
            link(n).ifPresent(links::add);
        }
        List<RawCheck> checks = new ArrayList<>();
        for (Node n : top.list("checks")) {
            check(n).ifPresent(checks::add);
        }
        Position host = null;
        List<RawRoute> hostRoutes = new ArrayList<>();
        Optional<YamlMap> h = top.node("host").flatMap(n -> YamlMap.of(file, n, "host", problems));
        if (h.isPresent()) {
            h.get().allowOnly("host", Set.of("routes"));
            host = h.get().position();
            for (Node r : h.get().list("routes")) {
                route(r).ifPresent(hostRoutes::add);
            }
        }
        return new RawLab(file, top.position(), top.string("name"), top.string("netns-prefix"), defaults, defaultMtu,
                nodes, links, checks, host, hostRoutes);
    }

    private RawSettings settings(YamlMap m) {
        Located<Boolean> loopbackUp = null;
        Optional<Node> lo = m.node("loopback");
        if (lo.isPresent() && lo.get() instanceof ScalarNode s) {
            loopbackUp = switch (s.getValue()) {
                case "up" -> new Located<>(true, YamlSource.position(file, s));
                case "down" -> new Located<>(false, YamlSource.position(file, s));
                default -> {
                    problems.add(YamlSource.position(file, s), "loopback must be up or down (or a mapping with up and addresses), not \""
                            + s.getValue() + "\"");
                    yield null;
                }
            };
        } else if (lo.isPresent()) {
            Optional<YamlMap> lm = YamlMap.of(file, lo.get(), "loopback", problems);
            if (lm.isPresent()) {
                lm.get().allowOnly("loopback", LOOPBACK_KEYS);
                loopbackUp = lm.get().bool("up");
            }
        }
        Map<Located<String>, Located<String>> sysctls = new LinkedHashMap<>();
        m.node("sysctls").flatMap(n -> YamlMap.of(file, n, "sysctls", problems)).ifPresent(sm -> {
            for (Map.Entry<Located<String>, Node> e : sm.entries()) {
                Located<String> v = sm.scalar(e.getValue(), "sysctl " + e.getKey().value());
                if (v != null) {
                    sysctls.put(e.getKey(), v);
                }
            }
        });
        Located<Integer> mono = null;
        Located<Integer> boot = null;
        Optional<YamlMap> t = m.node("time-offsets").flatMap(n -> YamlMap.of(file, n, "time-offsets", problems));
        if (t.isPresent()) {
            t.get().allowOnly("time-offsets", TIME_KEYS);
            mono = t.get().integer("monotonic", Integer.MIN_VALUE, Integer.MAX_VALUE);
            boot = t.get().integer("boottime", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        RawLimits limits = m.node("limits").flatMap(n -> YamlMap.of(file, n, "limits", problems)).map(l -> {
            l.allowOnly("limits", LIMIT_KEYS);
            return new RawLimits(l.position(), l.string("memory"), l.integer("cpu-weight", 1, 10000), l.string("cpu-quota"),
                    l.integer("pids", 1, 4194304));
        }).orElse(null);
        return new RawSettings(m.bool("forwarding"), m.bool("ipv6-forwarding"), m.string("rp-filter"), loopbackUp,
                sysctls, m.strings("namespaces"), m.keys().contains("namespaces"), m.string("hostname"), mono, boot, limits,
                m.bool("hosts-file"), m.strings("nameservers"), m.string("neighbours"));
    }

    private RawNode node(Located<String> name, Node value) {
        Optional<YamlMap> m = YamlMap.of(file, value, "node \"" + name.value() + "\"", problems);
        if (m.isEmpty()) {
            return new RawNode(name, RawSettings.EMPTY, List.of(), List.of(), List.of(), null, RawStartup.NONE);
        }
        YamlMap node = m.get();
        node.allowOnly("node \"" + name.value() + "\"", NODE_KEYS);
        List<Located<String>> loAddresses = node.node("loopback").filter(n -> n instanceof MappingNode)
                .flatMap(n -> YamlMap.of(file, n, "loopback", problems)).map(lm -> lm.strings("addresses")).orElse(List.of());
        List<RawRoute> routes = new ArrayList<>();
        for (Node r : node.list("routes")) {
            route(r).ifPresent(routes::add);
        }
        List<RawBridge> bridges = new ArrayList<>();
        node.node("bridges").flatMap(n -> YamlMap.of(file, n, "bridges", problems)).ifPresent(bm -> {
            for (Map.Entry<Located<String>, Node> e : bm.entries()) {
                bridge(e.getKey(), e.getValue()).ifPresent(bridges::add);
            }
        });
        RawFirewall firewall = node.node("firewall").flatMap(f -> new FirewallReader(file, problems).read(f)).orElse(null);
        RawStartup startup = new StartupReader(file, problems).read(node);
        return new RawNode(name, settings(node), loAddresses, routes, bridges, firewall, startup);
    }

    private Optional<RawRoute> route(Node n) {
        if (n instanceof ScalarNode s) {
            return Optional.ofNullable(RouteLine.parse(new Located<>(s.getValue(), valueStart(s)), problems));
        }
        return YamlMap.of(file, n, "a route", problems).map(m -> {
            m.allowOnly("route", ROUTE_KEYS);
            return new RawRoute(m.position(), m.string("type"), m.string("to"), m.string("via"), m.string("dev"),
                    m.integer("metric", 0, 0xffffffffL), m.string("src"), m.bool("onlink"));
        });
    }

    private Optional<RawBridge> bridge(Located<String> name, Node n) {
        return YamlMap.of(file, n, "bridge \"" + name.value() + "\"", problems).map(m -> {
            m.allowOnly("bridge \"" + name.value() + "\"", BRIDGE_KEYS);
            return new RawBridge(name, m.strings("ports"), m.strings("addresses"), m.string("mac"),
                    m.integer("mtu", 68, 65535), m.bool("up"));
        });
    }

    private Optional<RawLink> link(Node n) {
        return YamlMap.of(file, n, "a link", problems).flatMap(m -> {
            m.allowOnly("link", LINK_KEYS);
            if (!m.keys().contains("endpoints")) {
                problems.add(m.position(), "a link needs endpoints: [node:ifname, node:ifname]");
                return Optional.empty();
            }
            int before = problems.size();
            List<RawEndpoint> endpoints = new ArrayList<>();
            for (Node e : m.list("endpoints")) {
                endpoint(e).ifPresent(endpoints::add);
            }
            if (problems.size() > before) {
                return Optional.empty(); // already explained; a count of endpoints would only repeat it
            }
            return Optional.of(new RawLink(m.position(), endpoints, m.integer("mtu", 68, 65535), m.string("neighbours"),
                    impair(m)));
        });
    }

    /** {@code impair: {both|node:ifname: {rate: .., loss: .., delay: .., jitter: ..}}}; sides are checked later. */
    private List<RawImpair> impair(YamlMap link) {
        List<RawImpair> out = new ArrayList<>();
        link.node("impair").flatMap(n -> YamlMap.of(file, n, "impair", problems)).ifPresent(m -> {
            for (var e : m.entries()) {
                YamlMap.of(file, e.getValue(), "impair \"" + e.getKey().value() + "\"", problems).ifPresent(s -> {
                    s.allowOnly("impair \"" + e.getKey().value() + "\"", IMPAIR_KEYS);
                    out.add(new RawImpair(e.getKey(), s.string("rate"), s.string("loss"), s.string("delay"), s.string("jitter")));
                });
            }
        });
        return out;
    }

    private Optional<RawEndpoint> endpoint(Node n) {
        if (n instanceof ScalarNode s) {
            List<Located<String>> words = Words.split(new Located<>(s.getValue(), valueStart(s)));
            if (words.isEmpty()) {
                problems.add(YamlSource.position(file, s), "an endpoint must be node:ifname");
                return Optional.empty();
            }
            Located<String> at = words.getFirst();
            int colon = at.value().indexOf(':');
            if (colon < 0) {
                problems.add(at.position(), "endpoint \"" + at.value() + "\" must be node:ifname");
                return Optional.empty();
            }
            return Optional.of(new RawEndpoint(at.position(), new Located<>(at.value().substring(0, colon), at.position()),
                    new Located<>(at.value().substring(colon + 1), at.position().plus(colon + 1)),
                    words.subList(1, words.size()), null, null, null));
        }
        return YamlMap.of(file, n, "an endpoint", problems).map(m -> {
            m.allowOnly("endpoint", ENDPOINT_KEYS);
            Located<String> node = m.string("node");
            Located<String> ifname = m.string("interface");
            if (node == null || ifname == null) {
                problems.add(m.position(), "an endpoint needs node and interface");
            }
            return new RawEndpoint(m.position(), node, ifname, m.strings("addresses"), m.string("mac"),
                    m.integer("mtu", 68, 65535), m.bool("up"));
        });
    }

    private Optional<RawCheck> check(Node n) {
        return YamlMap.of(file, n, "a check", problems).flatMap(m -> {
            m.allowOnly("check", CHECK_KEYS);
            List<String> kinds = java.util.stream.Stream.of("ping", "tcp", "udp").filter(k -> m.node(k).isPresent()).toList();
            if (kinds.size() != 1) {
                problems.add(m.position(), kinds.isEmpty() ? "a check needs ping: FROM -> TO (or tcp:/udp: FROM -> TO:PORT)"
                        : "a check is one of ping, tcp or udp, not " + String.join(" and ", kinds));
                return Optional.empty();
            }
            String kind = kinds.getFirst();
            Located<String> ping = m.string(kind);
            if (ping == null) {
                return Optional.empty();
            }
            int arrow = ping.value().indexOf("->");
            if (arrow < 0) {
                problems.add(ping.position(), kind + " must be written FROM -> TO" + (kind.equals("ping") ? "" : ":PORT")
                        + ", like \"ns1 -> " + (kind.equals("ping") ? "10.10.20.2" : "ns2:80") + "\"");
                return Optional.empty();
            }
            Position at = ping.position().plus(valueOffset(m, kind));
            Located<String> from = trimmed(ping.value().substring(0, arrow), at);
            Located<String> to = trimmed(ping.value().substring(arrow + 2), at.plus(arrow + 2));
            Located<Integer> port = null;
            Located<String> protocol = null;
            if (!kind.equals("ping")) {
                protocol = new Located<>(kind, ping.position());
                try {
                    io.nslab.probe.PortTarget t = io.nslab.probe.PortTarget.parse(to.value());
                    port = new Located<>(t.port(), to.position().plus(t.portAt()));
                    to = new Located<>(t.target(), to.position().plus(to.value().startsWith("[") ? 1 : 0));
                } catch (IllegalArgumentException e) {
                    problems.add(to.position(), e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(new RawCheck(m.position(), from, to, m.string("expect"), m.integer("ttl", 0, 255),
                    m.string("from"), m.integer("count", 1, 1000), m.number("timeout", 0.01, 3600),
                    m.integer("send-ttl", 1, 255), protocol, port));
        });
    }

    private static Located<String> trimmed(String s, Position start) {
        int lead = 0;
        while (lead < s.length() && Character.isWhitespace(s.charAt(lead))) {
            lead++;
        }
        return new Located<>(s.strip(), start.plus(lead));
    }

    /** Where the characters of a scalar start: after the opening quote of a quoted one. */
    private Position valueStart(ScalarNode s) {
        Position p = YamlSource.position(file, s);
        return s.isPlain() ? p : p.plus(1);
    }

    private int valueOffset(YamlMap m, String key) {
        return m.node(key).filter(n -> n instanceof ScalarNode s && !s.isPlain()).isPresent() ? 1 : 0;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
