import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.Op;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.sim.SimNetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * All-pairs reachability of a 1000-node lab on the simulator: a core router, 5 distribution routers,
 * 50 access routers each owning a bridge with its subnet's hosts (944 hosts), static routes along the
 * tree. Every node pings the first address of every node (10^6 pings).
 *
 * Run (after ./mvnw -q -B -pl core -am package -DskipTests):
 *   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp core/target/classes bench/sim/AllPairsBench.java
 */
public class AllPairsBench {
    record Node(String netns, IpAddress address) {
    }

    static Route route(String dst, String via) {
        return new Route(RouteType.UNICAST, IpPrefix.parse(dst), Optional.of(IpAddress.parse(via)), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), false);
    }

    static Op.AddVeth veth(String a, String an, String b, String bn) {
        return new Op.AddVeth(a, IfName.of(an), b, IfName.of(bn), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        SimNetwork net = new SimNetwork();
        List<Op> ops = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        ops.add(new Op.AddNamespace("core"));
        int hostsLeft = 944;
        for (int d = 0; d < 5; d++) {
            String dist = "d" + d;
            ops.add(new Op.AddNamespace(dist));
            ops.add(veth("core", "c" + d, dist, "up"));
            ops.add(new Op.AddAddress("core", IfName.of("c" + d), IpPrefix.parse("172.16." + d + ".0/31")));
            ops.add(new Op.AddAddress(dist, IfName.of("up"), IpPrefix.parse("172.16." + d + ".1/31")));
            if (d == 0) {
                nodes.add(new Node("core", IpAddress.parse("172.16.0.0")));
            }
            nodes.add(new Node(dist, IpAddress.parse("172.16." + d + ".1")));
            for (int a = 0; a < 10; a++) {
                int s = d * 10 + a;
                String acc = "a" + s;
                ops.add(new Op.AddNamespace(acc));
                ops.add(veth(dist, "x" + a, acc, "up"));
                ops.add(new Op.AddAddress(dist, IfName.of("x" + a), IpPrefix.parse("172.17." + s + ".0/31")));
                ops.add(new Op.AddAddress(acc, IfName.of("up"), IpPrefix.parse("172.17." + s + ".1/31")));
                ops.add(new Op.AddBridge(acc, IfName.of("br0"), OptionalInt.empty(), Optional.empty()));
                ops.add(new Op.AddAddress(acc, IfName.of("br0"), IpPrefix.parse("10." + s + ".0.1/24")));
                nodes.add(new Node(acc, IpAddress.parse("172.17." + s + ".1")));
                int hosts = hostsLeft / (50 - s);
                hostsLeft -= hosts;
                for (int h = 0; h < hosts; h++) {
                    String host = "h" + s + "_" + h;
                    ops.add(new Op.AddNamespace(host));
                    ops.add(veth(host, "eth0", acc, "p" + h));
                    ops.add(new Op.SetMaster(acc, IfName.of("p" + h), Optional.of(IfName.of("br0"))));
                    ops.add(new Op.AddAddress(host, IfName.of("eth0"), IpPrefix.parse("10." + s + ".0." + (h + 10) + "/24")));
                    nodes.add(new Node(host, IpAddress.parse("10." + s + ".0." + (h + 10))));
                }
            }
        }
        for (Op op : ops) {
            net.apply(op);
        }
        ops.clear();
        for (var ns : net.snapshot().namespaces()) {
            for (var l : ns.links()) {
                ops.add(new Op.SetLinkState(ns.netns(), l.name(), true));
            }
        }
        for (Op op : ops) {
            net.apply(op);
        }
        ops.clear();
        ops.add(new Op.SetSysctl("core", "net.ipv4.ip_forward", "1"));
        for (int d = 0; d < 5; d++) {
            ops.add(new Op.SetSysctl("d" + d, "net.ipv4.ip_forward", "1"));
            ops.add(new Op.AddRoute("d" + d, route("0.0.0.0/0", "172.16." + d + ".0")));
            for (int a = 0; a < 10; a++) {
                int s = d * 10 + a;
                ops.add(new Op.AddRoute("core", route("10." + s + ".0.0/24", "172.16." + d + ".1")));
                ops.add(new Op.AddRoute("core", route("172.17." + s + ".0/31", "172.16." + d + ".1")));
                ops.add(new Op.AddRoute("d" + d, route("10." + s + ".0.0/24", "172.17." + s + ".1")));
                ops.add(new Op.SetSysctl("a" + s, "net.ipv4.ip_forward", "1"));
                ops.add(new Op.AddRoute("a" + s, route("0.0.0.0/0", "172.17." + s + ".0")));
            }
        }
        for (Node n : nodes) {
            if (n.netns().startsWith("h")) {
                String s = n.netns().substring(1, n.netns().indexOf('_'));
                ops.add(new Op.AddRoute(n.netns(), route("0.0.0.0/0", "10." + s + ".0.1")));
            }
        }
        for (Op op : ops) {
            net.apply(op);
        }
        long built = System.nanoTime();
        System.out.printf("nodes %d, built in %.2f s%n", nodes.size(), (built - t0) / 1e9);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long ok = 0;
            long total = 0;
            for (Node from : nodes) {
                for (Node to : nodes) {
                    PingResult r = net.ping(new PingRequest(from.netns(), to.address(), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                            OptionalInt.empty(), 56, Optional.empty(), Optional.empty()));
                    total++;
                    if (r.received() > 0) {
                        ok++;
                    }
                }
            }
            System.out.printf("round %d: %d pings, %d answered, %.2f s%n", round, total, ok, (System.nanoTime() - start) / 1e9);
        }
    }
}
