package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.state.RouteKind;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The smallest change that gets a packet past where it stopped, in the words of the lab file and
 * the tutorial. For a missing route it looks for a forwarding neighbour on one of the node's own
 * links that can reach the destination, and proposes it as the gateway.
 */
final class FixAdvisor {
    private final SimNetwork net;
    private final UnaryOperator<String> nodeName;

    FixAdvisor(SimNetwork net, UnaryOperator<String> nodeName) {
        this.net = net;
        this.nodeName = nodeName;
    }

    /** {@code ipv6}: the packet's family, for what switches forwarding on. */
    Optional<String> fix(Disposition d, int requestedTtl, boolean ttlGiven, boolean ipv6) {
        String node = nodeName.apply(d.node());
        return switch (d) {
            case Disposition.Delivered x -> Optional.empty();
            case Disposition.NoRoute x -> Optional.of(routeFix(x.node(), x.destination()));
            case Disposition.NoReturnRoute x -> Optional.of(routeFix(x.node(), x.destination()));
            // the host is no node: the lab file cannot switch its forwarding, and nslab never changes it
            case Disposition.ForwardingDisabled x -> Optional.of(ipv6
                    ? node.equals(io.nslab.model.NamespaceRef.HOST.toString())
                            ? "enable IPv6 forwarding on the host itself: sysctl -w net.ipv6.conf.all.forwarding=1 there"
                            : "enable IPv6 forwarding on " + node + " (ipv6-forwarding: true, i.e. sysctl -w net.ipv6.conf.all.forwarding=1)"
                    : node.equals(io.nslab.model.NamespaceRef.HOST.toString())
                            ? "enable forwarding on the host itself: sysctl -w net.ipv4.conf." + x.in() + ".forwarding=1 there (or net.ipv4.ip_forward=1)"
                            : "enable forwarding on " + node + " (forwarding: true, i.e. sysctl -w net.ipv4.ip_forward=1)");
            case Disposition.NeighbourUnreachable x -> Optional.of("nothing on " + node + ":" + x.dev() + "'s link answers ARP for "
                    + x.neighbour() + ": give that address to the node across the link, or fix the gateway");
            case Disposition.LinkDown x -> Optional.of("bring up the other end of " + node + ":" + x.dev());
            case Disposition.TtlExceeded x -> Optional.of(ttlGiven
                    ? "send with a larger TTL than " + requestedTtl + " (ping -t)"
                    : "the packet loops: check the routes on " + node + " and the routers after it");
            case Disposition.RejectRoute x -> Optional.of("delete the route `" + x.route().strip() + "` on " + node);
            case Disposition.RpFilterDrop x -> Optional.of("set rp-filter: loose (or off) on " + node + ", or route "
                    + x.source() + " back through " + x.in() + " there");
            case Disposition.MartianSource x -> Optional.of(x.source() + " is also an address of " + node
                    + ": give each node its own addresses (or set accept_local)");
            case Disposition.LoopbackDown x -> Optional.of("bring lo up on " + node + " (loopback: up)");
            case Disposition.EchoIgnored x -> Optional.of("set net.ipv4.icmp_echo_ignore_all = 0 on " + node);
            case Disposition.Filtered x -> Optional.of(FirewallFix.advise(net, x, node));
        };
    }

    private String routeFix(String netns, IpAddress dst) {
        String node = nodeName.apply(netns);
        Optional<SimNamespace> ns = net.namespaceLabelled(netns);
        if (ns.isPresent()) {
            for (SimLink dev : ns.get().links()) {
                if (dev.isLoopback() || dev.isPort() || !dev.adminUp) {
                    continue;
                }
                for (SimAddress own : ns.get().addressesOf(dev)) {
                    if (own.isV4() != dst.isV4() || own.secondary()) {
                        continue;
                    }
                    Optional<String> fix = viaNeighbour(node, dev, own, dst);
                    if (fix.isPresent()) {
                        return fix.get();
                    }
                }
            }
        }
        return "add a route to " + dst + " on " + node;
    }

    private Optional<String> viaNeighbour(String node, SimLink dev, SimAddress own, IpAddress dst) {
        for (SimLink y : net.segment(dev)) {
            SimNamespace yn = y.ns;
            Optional<SimAddress> gw = yn.addressesOf(y).stream().filter(a -> own.prefix().contains(a.address())).findFirst();
            if (gw.isEmpty()) {
                continue;
            }
            Optional<SimRoute> r = Fib.lookup(yn, dst);
            if (r.isEmpty()) {
                continue;
            }
            IpPrefix target;
            if (r.get().kind() == RouteKind.LOCAL) {
                target = yn.ownerOf(dst).map(a -> a.prefix().network()).orElse(new IpPrefix(dst, dst.family().bits()));
            } else if (r.get().kind() == RouteKind.UNICAST && yn.sysctls.forwarding(y)) {
                target = r.get().destination();
            } else {
                continue;
            }
            return Optional.of(describe(node, target, gw.get().address()));
        }
        return Optional.empty();
    }

    /** {@code add the route `10.10.20.0/24 via 10.10.10.1` on ns1 (route add -net 10.10.20.0 netmask 255.255.255.0 gw 10.10.10.1)}. */
    static String describe(String node, IpPrefix target, IpAddress gw) {
        String lab = (target.length() == 0 ? "default" : target.toString()) + " via " + gw;
        String tool;
        if (!target.address().isV4()) {
            tool = "ip -6 route add " + lab;
        } else if (target.length() == 0) {
            tool = "route add default gw " + gw;
        } else if (target.isHost()) {
            tool = "route add -host " + target.address() + " gw " + gw;
        } else {
            tool = "route add -net " + target.address() + " netmask " + target.netmask() + " gw " + gw;
        }
        return "add the route `" + lab + "` on " + node + " (" + tool + ")";
    }
}
