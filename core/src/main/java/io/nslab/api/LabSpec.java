package io.nslab.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab written in code. It becomes the same lab text a file holds, and is read and validated by the same reader,
 * so every rule of the lab format applies and a problem is reported as in a file (labelled {@code <name> (LabSpec)}).
 * <pre>{@code
 * LabSpec spec = LabSpec.named("pair")
 *         .node("ns1", "10.10.20.0/24 via 10.10.10.1")
 *         .router("router")
 *         .node("ns2", "10.10.10.0/24 via 10.10.20.1")
 *         .link("ns1:v1 10.10.10.2/24", "router:v1 10.10.10.1/24")
 *         .link("ns2:v2 10.10.20.2/24", "router:v2 10.10.20.1/24")
 *         .check("ns1 -> ns2", "reply");
 * }</pre>
 * Routes, endpoints and checks are written as in a lab file (see docs/lab-format.md).
 */
public final class LabSpec {
    private final String name;
    private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    private final List<Map<String, Object>> links = new ArrayList<>();
    private final List<Map<String, Object>> checks = new ArrayList<>();

    private LabSpec(String name) {
        this.name = name;
    }

    /** An empty lab called {@code name}. */
    public static LabSpec named(String name) {
        return new LabSpec(name);
    }

    public String name() {
        return name;
    }

    /** A node with static routes ({@code "10.0.2.0/24 via 10.0.1.1"}, {@code "default via 10.0.1.1"}). */
    public LabSpec node(String node, String... routes) {
        nodeMap(node).put("routes", List.of(routes));
        return this;
    }

    /** A node that forwards packets (IPv4 and IPv6 forwarding on), with static routes. */
    public LabSpec router(String node, String... routes) {
        Map<String, Object> n = nodeMap(node);
        n.put("forwarding", true);
        n.put("routes", List.of(routes));
        return this;
    }

    /** A veth pair between two endpoints written {@code "node:ifname [address/len ...]"}. */
    public LabSpec link(String a, String b) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("endpoints", List.of(a, b));
        links.add(l);
        return this;
    }

    /** A check: {@code "ns1 -> ns2"} and what to expect ({@code reply}, {@code unreachable}, {@code timeout}, {@code ttl-exceeded}). */
    public LabSpec check(String ping, String expect) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("ping", ping);
        c.put("expect", expect);
        checks.add(c);
        return this;
    }

    private Map<String, Object> nodeMap(String node) {
        return nodes.computeIfAbsent(node, k -> new LinkedHashMap<>());
    }

    /** The lab text this spec stands for. */
    public String yaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        Map<String, Object> ns = new LinkedHashMap<>();
        nodes.forEach((k, v) -> {
            Map<String, Object> n = new LinkedHashMap<>(v);
            if (n.get("routes") instanceof List<?> r && r.isEmpty()) {
                n.remove("routes");
            }
            ns.put(k, n);
        });
        doc.put("nodes", ns);
        if (!links.isEmpty()) {
            doc.put("links", links);
        }
        if (!checks.isEmpty()) {
            doc.put("checks", checks);
        }
        return LabText.dump(doc);
    }

    @Override
    public String toString() {
        return yaml();
    }
}
