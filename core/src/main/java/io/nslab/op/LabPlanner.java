package io.nslab.op;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Loopback;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.Route;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans a lab into the ops that build it from nothing, in an order the kernel accepts:
 * <ol>
 *   <li>namespaces;</li>
 *   <li>{@code conf.default.*} sysctls, which only interfaces created later inherit;</li>
 *   <li>veth pairs (each end created directly in its namespace) and bridges, then bridge ports;</li>
 *   <li>addresses, then links up ({@code lo} first) so connected routes appear;</li>
 *   <li>global sysctls ({@code ip_forward} resets every interface's {@code forwarding}), then per-interface ones;</li>
 *   <li>static routes, whose gateways need the connected routes;</li>
 *   <li>static neighbours (permanent entries): the kernel flushes a device's entries, permanent ones
 *       too, when it goes down, so they go onto devices that are already up;</li>
 *   <li>firewall tables last, one transaction each, once every device a rule names by index exists.</li>
 * </ol>
 * Where static neighbours are on, every interface of the segment needs a MAC known in advance: one the
 * lab gives, or one derived from the lab's, node's and interface's names ({@link NeighbourSegments}).
 */
public final class LabPlanner {
    private LabPlanner() {
    }

    public static List<Op> plan(Lab lab) {
        Map<io.nslab.model.NodeName, List<Endpoint>> endpoints = new java.util.HashMap<>();
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                endpoints.computeIfAbsent(e.node(), k -> new ArrayList<>()).add(e);
            }
        }
        NeighbourSegments segments = NeighbourSegments.of(lab);
        List<Op> ops = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            ops.add(new Op.AddNamespace(lab.namespaceOf(n.name())));
        }
        for (Node n : lab.nodes().values()) {
            sysctls(lab, n, ops, SysctlScope.DEFAULT);
        }
        List<Op> derivedPeerMacs = new ArrayList<>();
        for (VethLink l : lab.links()) {
            // A host end is made from the host's side, so that undoing the op deletes it there by name.
            boolean swap = lab.isHost(l.b().node()) && !lab.isHost(l.a().node());
            Endpoint a = swap ? l.b() : l.a();
            Endpoint b = swap ? l.a() : l.b();
            var aMac = a.mac().or(() -> segments.macOf(a.node(), a.ifname()));
            ops.add(new Op.AddVeth(lab.netnsOf(a.node()), a.ifname(), lab.netnsOf(b.node()), b.ifname(), a.mtu(), aMac,
                    b.mtu(), b.mac()));
            if (b.mac().isEmpty()) {
                // a separate op keeps AddVeth batchable (a peer's MAC needs a request in the peer's namespace)
                segments.macOf(b.node(), b.ifname()).ifPresent(m -> derivedPeerMacs.add(new Op.SetMac(lab.netnsOf(b.node()), b.ifname(), m)));
            }
        }
        ops.addAll(derivedPeerMacs);
        for (Node n : lab.nodes().values()) {
            NamespaceRef ns = lab.namespaceOf(n.name());
            for (Bridge b : n.bridges()) {
                ops.add(new Op.AddBridge(ns, b.name(), b.mtu(), b.mac().or(() -> segments.macOf(n.name(), b.name()))));
            }
            for (Bridge b : n.bridges()) {
                for (IfName port : b.ports()) {
                    ops.add(new Op.SetMaster(ns, port, java.util.Optional.of(b.name())));
                }
            }
        }
        for (Node n : lab.nodes().values()) {
            NamespaceRef ns = lab.namespaceOf(n.name());
            for (IpPrefix a : n.loopback().addresses()) {
                ops.add(new Op.AddAddress(ns, Loopback.NAME, a));
            }
            for (Endpoint e : endpoints.getOrDefault(n.name(), List.of())) {
                for (IpPrefix a : e.addresses()) {
                    ops.add(new Op.AddAddress(ns, e.ifname(), a));
                }
            }
            for (Bridge b : n.bridges()) {
                for (IpPrefix a : b.addresses()) {
                    ops.add(new Op.AddAddress(ns, b.name(), a));
                }
            }
        }
        for (Endpoint e : lab.hostEndpoints()) {
            for (IpPrefix a : e.addresses()) {
                ops.add(new Op.AddAddress(NamespaceRef.HOST, e.ifname(), a));
            }
        }
        for (Node n : lab.nodes().values()) {
            NamespaceRef ns = lab.namespaceOf(n.name());
            if (n.loopback().up()) {
                ops.add(new Op.SetLinkState(ns, Loopback.NAME, true));
            }
            for (Bridge b : n.bridges()) {
                if (b.up()) {
                    ops.add(new Op.SetLinkState(ns, b.name(), true));
                }
            }
            for (Endpoint e : endpoints.getOrDefault(n.name(), List.of())) {
                if (e.up()) {
                    ops.add(new Op.SetLinkState(ns, e.ifname(), true));
                }
            }
        }
        for (Endpoint e : lab.hostEndpoints()) {
            if (e.up()) {
                ops.add(new Op.SetLinkState(NamespaceRef.HOST, e.ifname(), true));
            }
        }
        for (Node n : lab.nodes().values()) {
            sysctls(lab, n, ops, SysctlScope.GLOBAL);
            sysctls(lab, n, ops, SysctlScope.ALL);
            defaultForwardingAgain(lab, n, ops);
            sysctls(lab, n, ops, SysctlScope.INTERFACE);
        }
        for (Node n : lab.nodes().values()) {
            NamespaceRef ns = lab.namespaceOf(n.name());
            for (Route r : n.routes()) {
                ops.add(new Op.AddRoute(ns, r));
            }
        }
        for (Route r : lab.hostRoutes()) {
            ops.add(new Op.AddRoute(NamespaceRef.HOST, r));
        }
        for (NeighbourSegments.Entry e : segments.staticEntries()) {
            segments.macOf(e.peer().node(), e.peer().ifname()).ifPresent(mac -> ops.add(
                    new Op.AddNeighbour(lab.netnsOf(e.owner().node()), e.owner().ifname(), e.address(), mac)));
        }
        for (Node n : lab.nodes().values()) {
            for (io.nslab.firewall.Table t : n.firewall().tables()) {
                ops.add(new Op.SetTable(lab.netnsOf(n.name()), t));
            }
        }
        return List.copyOf(ops);
    }

    /** When a sysctl must be written, relative to the links it affects. */
    enum SysctlScope {
        DEFAULT, GLOBAL, ALL, INTERFACE;

        static SysctlScope of(String key) {
            if (key.matches("net\\.ipv[46]\\.conf\\.default\\..*")) {
                return DEFAULT;
            }
            if (key.matches("net\\.ipv[46]\\.conf\\.all\\..*")) {
                return ALL;
            }
            if (key.startsWith("net.ipv4.conf.") || key.startsWith("net.ipv6.conf.")) {
                return INTERFACE;
            }
            return GLOBAL;
        }
    }

    /**
     * conf/default's forwarding once more, where the node also writes what resets it: ip_forward or conf/all's forwarding
     * sets every block's, conf/default's included (devinet's inet_forward_change, addrconf's fixup for IPv6), so the
     * value written before the links were made would be lost.
     */
    private static void defaultForwardingAgain(Lab lab, Node n, List<Op> ops) {
        Map<String, String> s = n.sysctls();
        for (String family : List.of("ipv4", "ipv6")) {
            String key = "net." + family + ".conf.default.forwarding";
            boolean reset = s.containsKey("net." + family + ".conf.all.forwarding")
                    || family.equals("ipv4") && s.containsKey("net.ipv4.ip_forward");
            if (s.containsKey(key) && reset) {
                ops.add(new Op.SetSysctl(lab.netnsOf(n.name()), key, s.get(key)));
            }
        }
    }

    private static void sysctls(Lab lab, Node n, List<Op> ops, SysctlScope scope) {
        for (Map.Entry<String, String> e : n.sysctls().entrySet()) {
            if (SysctlScope.of(e.getKey()) == scope) {
                ops.add(new Op.SetSysctl(lab.netnsOf(n.name()), e.getKey(), e.getValue()));
            }
        }
    }
}
