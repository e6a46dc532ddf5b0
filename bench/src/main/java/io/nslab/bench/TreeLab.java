package io.nslab.bench;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.Op;
import io.nslab.sim.SimNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A 1000-node lab for the simulator's all-pairs benchmark: a core router, 5 distribution routers,
 * 50 access routers each owning a bridge with its subnet's hosts (944 hosts in 50 /24 subnets), /31
 * router links, static routes along the tree, forwarding on every router.
 */
public final class TreeLab {
    /** A node of the lab and the address every other node pings. */
    public record Node(io.nslab.model.NamespaceRef netns, IpAddress address) {
    }

    private final SimNetwork network = new SimNetwork();
    private final List<Node> nodes = new ArrayList<>();

    public SimNetwork network() {
        return network;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public static TreeLab build() {
        TreeLab lab = new TreeLab();
        lab.apply();
        return lab;
    }

    private void apply() {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddNamespace(n("core")));
        int hostsLeft = 944;
        for (int d = 0; d < 5; d++) {
            String dist = "d" + d;
            ops.add(new Op.AddNamespace(n(dist)));
            ops.add(veth("core", "c" + d, dist, "up"));
            ops.add(address("core", "c" + d, "172.16." + d + ".0/31"));
            ops.add(address(dist, "up", "172.16." + d + ".1/31"));
            if (d == 0) {
                nodes.add(new Node(n("core"), IpAddress.parse("172.16.0.0")));
            }
            nodes.add(new Node(n(dist), IpAddress.parse("172.16." + d + ".1")));
            for (int a = 0; a < 10; a++) {
                int s = d * 10 + a;
                String acc = "a" + s;
                ops.add(new Op.AddNamespace(n(acc)));
                ops.add(veth(dist, "x" + a, acc, "up"));
                ops.add(address(dist, "x" + a, "172.17." + s + ".0/31"));
                ops.add(address(acc, "up", "172.17." + s + ".1/31"));
                ops.add(new Op.AddBridge(n(acc), IfName.of("br0"), OptionalInt.empty(), Optional.empty()));
                ops.add(address(acc, "br0", "10." + s + ".0.1/24"));
                nodes.add(new Node(n(acc), IpAddress.parse("172.17." + s + ".1")));
                int hosts = hostsLeft / (50 - s);
                hostsLeft -= hosts;
                for (int h = 0; h < hosts; h++) {
                    String host = "h" + s + "_" + h;
                    ops.add(new Op.AddNamespace(n(host)));
                    ops.add(veth(host, "eth0", acc, "p" + h));
                    ops.add(new Op.SetMaster(n(acc), IfName.of("p" + h), Optional.of(IfName.of("br0"))));
                    ops.add(address(host, "eth0", "10." + s + ".0." + (h + 10) + "/24"));
                    ops.add(new Op.AddRoute(n(host), route("0.0.0.0/0", "10." + s + ".0.1")));
                    nodes.add(new Node(n(host), IpAddress.parse("10." + s + ".0." + (h + 10))));
                }
            }
        }
        List<Op> routes = new ArrayList<>();
        routes.add(new Op.SetSysctl(n("core"), "net.ipv4.ip_forward", "1"));
        for (int d = 0; d < 5; d++) {
            routes.add(new Op.SetSysctl(n("d" + d), "net.ipv4.ip_forward", "1"));
            routes.add(new Op.AddRoute(n("d" + d), route("0.0.0.0/0", "172.16." + d + ".0")));
            for (int a = 0; a < 10; a++) {
                int s = d * 10 + a;
                routes.add(new Op.AddRoute(n("core"), route("10." + s + ".0.0/24", "172.16." + d + ".1")));
                routes.add(new Op.AddRoute(n("core"), route("172.17." + s + ".0/31", "172.16." + d + ".1")));
                routes.add(new Op.AddRoute(n("d" + d), route("10." + s + ".0.0/24", "172.17." + s + ".1")));
                routes.add(new Op.SetSysctl(n("a" + s), "net.ipv4.ip_forward", "1"));
                routes.add(new Op.AddRoute(n("a" + s), route("0.0.0.0/0", "172.17." + s + ".0")));
            }
        }
        // links first, then every link up (connected routes appear), then routes that need them
        List<Op> gatewayRoutes = ops.stream().filter(op -> op instanceof Op.AddRoute).toList();
        ops.removeAll(gatewayRoutes);
        ops.forEach(network::apply);
        for (var ns : network.snapshot().namespaces()) {
            for (var l : ns.links()) {
                network.apply(new Op.SetLinkState(ns.netns(), l.name(), true));
            }
        }
        gatewayRoutes.forEach(network::apply);
        routes.forEach(network::apply);
    }

    private static io.nslab.model.NamespaceRef.Named n(String name) {
        return io.nslab.model.NamespaceRef.named(name);
    }

    private static Op veth(String a, String an, String b, String bn) {
        return new Op.AddVeth(n(a), IfName.of(an), n(b), IfName.of(bn), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    private static Op address(String netns, String dev, String prefix) {
        return new Op.AddAddress(n(netns), IfName.of(dev), IpPrefix.parse(prefix));
    }

    private static Route route(String dst, String via) {
        return new Route(RouteType.UNICAST, IpPrefix.parse(dst), Optional.of(IpAddress.parse(via)), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), false);
    }
}
