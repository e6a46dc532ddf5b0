package io.nslab.sim;

import io.nslab.explain.Hop;
import io.nslab.firewall.Hook;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.render.IpRouteText;

import java.util.Optional;

/**
 * What every step of a packet's walk shares: the session's netfilter state, through which each hook is passed, and
 * the hops recorded for --explain. Split from {@link Forwarder} so that routing, neighbour resolution and the
 * netfilter hooks each sit in a class of their own.
 */
final class HookPath {
    private final boolean explain;
    private final Netfilter netfilter = new Netfilter();

    HookPath(boolean explain) {
        this.explain = explain;
    }

    /**
     * Runs a netfilter hook: the packet as it leaves the hook, or null when a rule dropped or rejected it (then the
     * outcome says so, and carries the reject's ICMP error or TCP reset). {@code local}: the packet was sent by this node.
     */
    Packet pass(SimNamespace ns, Hook hook, Packet p, SimLink in, SimLink out, IpAddress nextHop, Outcome o, boolean local) {
        Netfilter.Result r = netfilter.hook(ns, hook, p, in, out, nextHop,
                note -> hop(o, ns, in == null ? null : in.name, out == null ? null : out.name, null, note));
        return switch (r) {
            case Netfilter.Result.Pass pass -> pass.packet();
            case Netfilter.Result.Stop stop -> {
                hop(o, ns, in == null ? null : in.name, out == null ? null : out.name, null, stop.why().decision());
                o.disposition = stop.why();
                if (stop.icmp().isPresent() && !p.icmpError()) {
                    o.icmp = Optional.of(new Outcome.Icmp(ns, stop.icmp().get().kind(), p, Optional.empty(), 0, local, false,
                            fromDestination(ns, hook, p)));
                }
                // nf_send_reset answers only TCP, and never a reset with a reset; anything else the rule just drops
                if (stop.tcpReset() && p.payload() instanceof Payload.Transport t && t.protocol() == io.nslab.firewall.L4Proto.TCP
                        && t.kind() != Payload.Kind.RST) {
                    o.reset = Optional.of(new Outcome.Reset(ns, p));
                }
                yield null;
            }
        };
    }

    /**
     * Whether a reject's error leaves from the rejected packet's destination address. IPv4 (icmp_send): where the
     * packet's route is local, at input, or at output toward one of the node's own addresses; at prerouting the
     * reject routes toward the sender first (nf_reject_fill_skb_dst), so the routing picks. IPv6 (icmp6_send):
     * wherever the destination is one of the node's addresses. Fidelity seeds 40 and 91: an input chain's reject of a
     * ping to an address on another interface than the one it came in by answered from that address on the kernel.
     */
    private static boolean fromDestination(SimNamespace ns, Hook hook, Packet p) {
        if (!ns.isLocalAddress(p.dst())) {
            return false;
        }
        return !p.dst().isV4() || hook == Hook.INPUT || hook == Hook.OUTPUT;
    }

    void hop(Outcome o, SimNamespace ns, IfName in, IfName out, SimRoute r, String decision) {
        if (explain) {
            o.hops.add(new Hop(ns.label(), Optional.ofNullable(in), Optional.ofNullable(out),
                    Optional.ofNullable(r).map(HookPath::routeText), decision));
        }
    }

    static String routeText(SimRoute r) {
        return IpRouteText.line(r.toState(), r.table() == io.nslab.state.RouteState.TABLE_LOCAL).strip();
    }
}
