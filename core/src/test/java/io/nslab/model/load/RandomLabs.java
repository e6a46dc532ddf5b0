package io.nslab.model.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.nslab.model.load.YamlTree.map;
import static io.nslab.model.load.YamlTree.s;

/**
 * Structured random labs, valid by construction: nodes, veth links with IPv4 (and some IPv6) subnets,
 * bridges, routes in both spellings, settings and checks. Node names, interface names and addresses are
 * tokens ({@code nodeA3}, {@code ifB7}, {@code 10.0.7.1/24}) that {@link LabBreaker} can find and replace.
 */
final class RandomLabs {
    private RandomLabs() {
    }

    static YamlTree lab(Random r) {
        return lab(r, true);
    }

    /** A lab, with checks or without (probing the kernel takes seconds where a check expects a timeout). */
    static YamlTree lab(Random r, boolean withChecks) {
        int n = 1 + r.nextInt(6);
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add("node" + (char) ('A' + i) + r.nextInt(10));
        }
        List<Map.Entry<String, YamlTree>> nodeEntries = new ArrayList<>();
        List<Map.Entry<String, YamlTree>> top = new ArrayList<>();
        top.add(Map.entry("name", s("lab" + r.nextInt(100))));
        if (r.nextBoolean()) {
            top.add(Map.entry("netns-prefix", s(r.nextBoolean() ? "fz-" : "")));
        }
        if (r.nextInt(3) == 0) {
            top.add(Map.entry("defaults", settings(r)));
        }
        List<YamlTree> links = new ArrayList<>();
        List<List<String>> gateways = new ArrayList<>();
        nodes.forEach(x -> gateways.add(new ArrayList<>()));
        int linkCount = n == 1 ? 0 : r.nextInt(2 * n);
        for (int l = 0; l < linkCount; l++) {
            int a = r.nextInt(n);
            int b = (a + 1 + r.nextInt(n - 1)) % n;
            String subnet = "10." + l + "." + r.nextInt(256) + ".";
            gateways.get(a).add(subnet + "2");
            gateways.get(b).add(subnet + "1");
            links.add(link(r, nodes.get(a), "ifA" + l, subnet + "1/24", nodes.get(b), "ifB" + l, subnet + "2/24", l));
        }
        for (int i = 0; i < n; i++) {
            nodeEntries.add(Map.entry(nodes.get(i), node(r, gateways.get(i))));
        }
        top.add(Map.entry("nodes", new YamlTree.Mapping(nodeEntries)));
        if (!links.isEmpty() || r.nextBoolean()) {
            top.add(Map.entry("links", new YamlTree.Seq(links)));
        }
        if (withChecks && n > 1 && r.nextBoolean()) {
            List<YamlTree> checks = new ArrayList<>();
            for (int c = r.nextInt(3); c >= 0; c--) {
                checks.add(check(r, nodes.get(r.nextInt(n)), nodes.get(r.nextInt(n))));
            }
            top.add(Map.entry("checks", new YamlTree.Seq(checks)));
        }
        return new YamlTree.Mapping(top);
    }

    private static YamlTree link(Random r, String a, String ifa, String addrA, String b, String ifb, String addrB, int l) {
        String v6 = r.nextInt(4) == 0 ? "fd00:" + l + "::" : null;
        YamlTree link;
        if (r.nextBoolean()) {
            link = map("endpoints", new YamlTree.Seq(new ArrayList<>(List.of(
                    s(a + ":" + ifa + " " + addrA + (v6 == null ? "" : " " + v6 + "1/64")),
                    s(b + ":" + ifb + " " + addrB + (v6 == null ? "" : " " + v6 + "2/64"))))));
        } else {
            link = map("endpoints", new YamlTree.Seq(new ArrayList<>(List.of(
                    endpoint(r, a, ifa, addrA), endpoint(r, b, ifb, addrB)))));
        }
        if (r.nextInt(4) == 0) {
            // now and then below IPv6's 1280: a valid lab the kernel refuses once the link has an IPv6 address
            ((YamlTree.Mapping) link).entries().add(Map.entry("mtu", s(r.nextInt(4) == 0 ? 600 + r.nextInt(680) : 1280 + r.nextInt(8000))));
        }
        return link;
    }

    private static YamlTree endpoint(Random r, String node, String ifname, String address) {
        YamlTree.Mapping m = map("node", node, "interface", ifname,
                "addresses", new YamlTree.Seq(new ArrayList<>(List.of(s(address)))));
        if (r.nextInt(4) == 0) {
            m.entries().add(Map.entry("up", s(r.nextBoolean())));
        }
        if (r.nextInt(6) == 0) {
            m.entries().add(Map.entry("mac", s(String.format("02:00:00:00:%02x:%02x", r.nextInt(256), r.nextInt(256)))));
        }
        return m;
    }

    private static YamlTree node(Random r, List<String> gateways) {
        YamlTree.Mapping m = settings(r);
        if (!gateways.isEmpty() && r.nextBoolean()) {
            List<YamlTree> routes = new ArrayList<>();
            for (int i = r.nextInt(3); i >= 0; i--) {
                String via = gateways.get(r.nextInt(gateways.size()));
                String to = r.nextInt(4) == 0 ? "default" : "10." + (100 + r.nextInt(100)) + ".0.0/16";
                routes.add(switch (r.nextInt(4)) {
                    case 0 -> map("to", to, "via", via, "metric", r.nextInt(1000));
                    case 1 -> s("blackhole 172.16." + r.nextInt(256) + ".0/24");
                    default -> s(to + " via " + via);
                });
            }
            m.entries().add(Map.entry("routes", new YamlTree.Seq(routes)));
        }
        if (r.nextInt(8) == 0) {
            m.entries().add(Map.entry("bridges", map("br0", map("ports", new YamlTree.Seq(new ArrayList<>()),
                    "addresses", new YamlTree.Seq(new ArrayList<>(List.of(s("192.168." + r.nextInt(256) + ".1/24"))))))));
        }
        return m;
    }

    private static YamlTree.Mapping settings(Random r) {
        YamlTree.Mapping m = map();
        if (r.nextInt(3) == 0) {
            m.entries().add(Map.entry("forwarding", s(r.nextBoolean())));
        }
        if (r.nextInt(5) == 0) {
            m.entries().add(Map.entry("rp-filter", s(HostileValues.pick(List.of("off", "strict", "loose"), r))));
        }
        if (r.nextInt(6) == 0) {
            m.entries().add(Map.entry("loopback", s(r.nextBoolean() ? "up" : "down")));
        }
        if (r.nextInt(6) == 0) {
            m.entries().add(Map.entry("sysctls", map("net.ipv4.conf.all.accept_redirects", r.nextInt(2))));
        }
        if (r.nextInt(8) == 0) {
            m.entries().add(Map.entry("namespaces", new YamlTree.Seq(new ArrayList<>(List.of(s("uts"), s("ipc"))))));
            m.entries().add(Map.entry("hostname", s("h" + r.nextInt(100))));
        }
        if (r.nextInt(8) == 0) {
            m.entries().add(Map.entry("neighbours", s(r.nextBoolean() ? "static" : "dynamic")));
        }
        return m;
    }

    private static YamlTree check(Random r, String from, String to) {
        YamlTree.Mapping m = map("ping", from + " -> " + to);
        if (r.nextBoolean()) {
            m.entries().add(Map.entry("expect", s(HostileValues.pick(List.of("reply", "unreachable", "timeout"), r))));
        }
        if (r.nextInt(3) == 0) {
            m.entries().add(Map.entry("ttl", s(64)));
        }
        return m;
    }
}
