package io.nslab.model;

import java.util.List;
import java.util.Map;

/**
 * A node: one network namespace, and optionally more namespace kinds (see {@link Isolation}).
 *
 * @param sysctls  network sysctls by dotted key ({@code net.ipv4.ip_forward}), applied in order
 * @param routes   static routes of table main, in file order
 * @param bridges  Linux bridges inside this node
 * @param firewall its nf_tables ruleset ({@link io.nslab.firewall.Ruleset#EMPTY} for none)
 * @param startup  commands and services run in it after up ({@link Startup#NONE} for none)
 */
public record Node(NodeName name, Loopback loopback, Map<String, String> sysctls, List<Route> routes,
                   List<Bridge> bridges, Isolation isolation, io.nslab.firewall.Ruleset firewall, Startup startup) {

    public Node {
        sysctls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
        routes = List.copyOf(routes);
        bridges = List.copyOf(bridges);
        java.util.Objects.requireNonNull(firewall, "firewall");
        java.util.Objects.requireNonNull(startup, "startup");
    }

    /** A node that runs nothing after up. */
    public Node(NodeName name, Loopback loopback, Map<String, String> sysctls, List<Route> routes, List<Bridge> bridges,
                Isolation isolation, io.nslab.firewall.Ruleset firewall) {
        this(name, loopback, sysctls, routes, bridges, isolation, firewall, Startup.NONE);
    }

    /** A node without firewall rules. */
    public Node(NodeName name, Loopback loopback, Map<String, String> sysctls, List<Route> routes, List<Bridge> bridges,
                Isolation isolation) {
        this(name, loopback, sysctls, routes, bridges, isolation, io.nslab.firewall.Ruleset.EMPTY);
    }

    /** True when IPv4 forwarding is on for the whole node ({@code net.ipv4.ip_forward = 1}). */
    public boolean forwardsIpv4() {
        return "1".equals(sysctls.get("net.ipv4.ip_forward")) || "1".equals(sysctls.get("net.ipv4.conf.all.forwarding"));
    }
}
