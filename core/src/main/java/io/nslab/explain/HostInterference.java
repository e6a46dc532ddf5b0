package io.nslab.explain;

import io.nslab.firewall.ConnState;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.L4Proto;
import io.nslab.firewall.PacketFacts;
import io.nslab.kernel.HostFilterChains;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Endpoint;
import io.nslab.model.IfName;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.VethLink;
import io.nslab.netlink.nft.NftHook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a lab's packets cross the host (a lab with {@code host:IFNAME} ends), what of the host's own state drops
 * them: the filter chains at its forward hook (iptables' FORWARD policy, Docker's chains) for packets it routes, at
 * its input and output hooks for packets to and from the host itself, forwarding switched off for the interface they
 * come in by, its reverse-path filter, and bridge netfilter passing bridged frames through the forward chains. The
 * explanation (from the simulator holding the kernel's state, where the host has no firewall) gives the path; this
 * names the host's part in words and the fix, for the user to apply: nslab reads the host and never changes it.
 */
public final class HostInterference {
    private HostInterference() {
    }

    /** One thing on the host that stops the lab's packets, and what to do about it. */
    public record Finding(String what, String fix) {
        public String text() {
            return "host: " + what + "\n  fix: " + fix + "\n";
        }
    }

    /** The hop name of the host's namespace in an explanation ({@link Explainer}s name it by its namespace). */
    static final String HOST = NamespaceRef.HOST.toString();

    /** Reads the host (for a lab with host ends only) and names what of it stops the explained packets. */
    public static List<Finding> of(KernelNetwork kernel, Lab lab, Explanation e) {
        if (lab.hostEndpoints().isEmpty() || !crosses(lab, e)) {
            return List.of();
        }
        Set<String> devices = new LinkedHashSet<>();
        lab.hostEndpoints().forEach(end -> devices.add(end.ifname().value()));
        e.legs().forEach(l -> l.hops().stream().filter(h -> h.node().equals(HOST))
                .forEach(h -> { h.in().ifPresent(i -> devices.add(i.value())); h.out().ifPresent(o -> devices.add(o.value())); }));
        return of(HostState.read(kernel, List.copyOf(devices)), lab, e);
    }

    /** Whether any leg passes the host, or reaches a lab node across a host end (a bridge on the host). */
    static boolean crosses(Lab lab, Explanation e) {
        Set<String> bridged = hostFacing(lab).keySet();
        return e.legs().stream().flatMap(l -> l.hops().stream()).anyMatch(h -> h.node().equals(HOST)
                || h.in().map(i -> bridged.contains(h.node() + ":" + i)).orElse(false)
                || h.out().map(o -> bridged.contains(h.node() + ":" + o)).orElse(false));
    }

    /** The findings for the explained packets, from the host's state read already. */
    public static List<Finding> of(HostState host, Lab lab, Explanation e) {
        Map<String, String> facing = hostFacing(lab);
        List<Finding> out = new ArrayList<>();
        for (Leg leg : e.legs()) {
            Optional<Packet> packet = facts(leg);
            List<Hop> hops = leg.hops();
            for (int k = 0; k < hops.size(); k++) {
                Hop h = hops.get(k);
                if (h.node().equals(HOST) && packet.isPresent()) {
                    Optional<String> in = h.in().map(IfName::value);
                    Optional<String> outDev = h.out().map(IfName::value);
                    if (in.isPresent() && outDev.isPresent()) {
                        filtered(host, NftHook.FORWARD, packet.get().at(in, outDev), leg,
                                "forwarded by the host from " + in.get() + " to " + outDev.get(), in, outDev).ifPresent(out::add);
                    } else if (outDev.isPresent() && k == 0) {
                        filtered(host, NftHook.OUTPUT, packet.get().at(in, outDev), leg, "sent by the host out " + outDev.get(), in, outDev)
                                .ifPresent(out::add);
                    } else if (in.isPresent() && leg.disposition() instanceof Disposition.Delivered d && d.node().equals(HOST)) {
                        filtered(host, NftHook.INPUT, packet.get().at(in, outDev), leg, "received by the host on " + in.get(), in, outDev)
                                .ifPresent(out::add);
                    }
                }
                // a bridge on the host joins two host ends: the frame goes from one lab node straight to the next
                if (k + 1 < hops.size() && packet.isPresent() && h.out().isPresent() && hops.get(k + 1).in().isPresent()) {
                    String from = facing.get(h.node() + ":" + h.out().get());
                    String to = facing.get(hops.get(k + 1).node() + ":" + hops.get(k + 1).in().get());
                    Optional<String> bridge = Optional.ofNullable(from).map(host.masters()::get);
                    if (bridge.isPresent() && to != null && bridge.equals(Optional.ofNullable(host.masters().get(to)))) {
                        bridged(host, packet.get(), leg, bridge.get(), from, to).ifPresent(out::add);
                    }
                }
            }
            if (leg.disposition() instanceof Disposition.ForwardingDisabled fd && fd.node().equals(HOST)) {
                out.add(forwardingOff(host, fd.in().value(), leg));
            }
            if (leg.disposition() instanceof Disposition.RpFilterDrop rp && rp.node().equals(HOST)) {
                out.add(reversePath(host, rp, leg));
            }
            if (!out.isEmpty()) {
                break; // the kernel dropped this leg: the next one (the answer) never left
            }
        }
        return out.stream().distinct().toList();
    }

    /** Lab node interfaces ({@code r:up0}) whose other end is a host end, with that host device. */
    static Map<String, String> hostFacing(Lab lab) {
        Map<String, String> facing = new java.util.HashMap<>();
        for (VethLink l : lab.links()) {
            for (Endpoint end : l.endpoints()) {
                Endpoint other = end == l.a() ? l.b() : l.a();
                if (lab.isHost(other.node()) && !lab.isHost(end.node())) {
                    facing.put(end.node() + ":" + end.ifname(), other.ifname().value());
                }
            }
        }
        return facing;
    }

    private static Optional<Finding> filtered(HostState host, NftHook hook, PacketFacts p, Leg leg, String how, Optional<String> in,
                                              Optional<String> out) {
        HostFilterChains.Decision d = HostFilterChains.decide(host.ruleset(), host.ifnames(), hook, p);
        return switch (d) {
            case HostFilterChains.Passes pass -> Optional.empty();
            case HostFilterChains.Dropped drop -> Optional.of(new Finding(
                    "the lab's " + leg.label() + " " + p.src() + " -> " + p.dst() + ", " + how + ", is "
                            + (drop.rejected() ? "rejected" : "dropped") + " at the host's " + hook.keyword() + " hook by " + by(drop)
                            + unsure(drop),
                    fix(drop, in, out)));
        };
    }

    private static Optional<Finding> bridged(HostState host, Packet packet, Leg leg, String bridge, String from, String to) {
        if (!host.bridgeCallsIptables()) {
            return Optional.empty();
        }
        // br_netfilter runs the IP hooks with the bridge as both devices (its ports are only for -m physdev)
        HostFilterChains.Decision d = HostFilterChains.decide(host.ruleset(), host.ifnames(), packet.at(Optional.of(bridge), Optional.of(bridge)));
        return switch (d) {
            case HostFilterChains.Passes pass -> Optional.empty();
            case HostFilterChains.Dropped drop -> Optional.of(new Finding(
                    "the lab's " + leg.label() + " " + leg.source() + " -> " + leg.destination() + ", bridged by the host's " + bridge
                            + " from " + from + " to " + to + ", passes the host's IP forward hook (net.bridge.bridge-nf-call-iptables = 1,"
                            + " br_netfilter) and is " + (drop.rejected() ? "rejected" : "dropped") + " there by " + by(drop) + unsure(drop),
                    fix(drop, Optional.of(bridge), Optional.of(bridge)) + ", or sysctl -w net.bridge.bridge-nf-call-iptables=0 on the host if nothing there "
                            + "relies on it (Docker and Kubernetes do)"));
        };
    }

    private static Finding forwardingOff(HostState host, String in, Leg leg) {
        String all = host.sysctl(HostState.IP_FORWARD).orElse("?");
        String dev = host.sysctl(HostState.forwarding(in)).orElse("?");
        return new Finding("the lab's " + leg.label() + " " + leg.source() + " -> " + leg.destination() + " comes in by " + in
                + " and the host does not forward it: net.ipv4.conf." + in + ".forwarding = " + dev + " (net.ipv4.ip_forward = " + all
                + "); the lab does not change the host",
                "sysctl -w net.ipv4.conf." + in + ".forwarding=1 on the host, and the same for the interface the answers come in by, "
                        + "or sysctl -w net.ipv4.ip_forward=1 (every interface)");
    }

    /** The kernel checks the larger of conf/all and conf/IN: both must be loosened for loose to hold. */
    private static Finding reversePath(HostState host, Disposition.RpFilterDrop rp, Leg leg) {
        String in = rp.in().value();
        String dev = host.sysctl(HostState.rpFilter(in)).orElse("?");
        String all = host.sysctl(HostState.RP_FILTER_ALL).orElse("?");
        return new Finding("the lab's " + leg.label() + " " + leg.source() + " -> " + leg.destination() + " comes in by " + in
                + " and fails the host's reverse-path check (" + rp.mode() + "): the host would not route " + rp.source() + " back out by "
                + in + "; net.ipv4.conf." + in + ".rp_filter = " + dev + ", net.ipv4.conf.all.rp_filter = " + all
                + " (the larger counts)",
                "route " + rp.source() + " back through " + in + " (a route in the lab's host: section)" + (rp.mode().equals("strict")
                        ? ", or loosen the check on the host where it has some route back: sysctl -w net.ipv4.conf." + in + ".rp_filter=2"
                                + ("1".equals(all) ? " and net.ipv4.conf.all.rp_filter=2" : "") : ""));
    }

    /** How --explain names a lab's rule ({@link io.nslab.firewall.RuleRef#text()}), for the host's. */
    static String by(HostFilterChains.Dropped d) {
        String where = "chain " + d.chain() + " in table " + d.table();
        if (d.byPolicy()) {
            return "the policy drop of " + where + (d.iptables() ? " (iptables -P " + d.base() + " DROP"
                    + (d.chains().contains("DOCKER-USER") ? ", as Docker sets it)" : ")") : "");
        }
        return "rule " + d.position() + " (handle " + d.handle() + ") of " + where + ": `" + d.rule().orElseThrow() + "`";
    }

    private static String unsure(HostFilterChains.Dropped d) {
        return d.unsure().isEmpty() ? "" : "; unless one of these rules, which nslab cannot read and took as not matching, "
                + "lets it through: " + String.join("; ", d.unsure());
    }

    /**
     * The smallest change that lets the packets through (in both directions at the forward hook), in the words of the
     * tool that made the chain.
     */
    static String fix(HostFilterChains.Dropped d, Optional<String> in, Optional<String> out) {
        String back = d.hook() != NftHook.FORWARD || in.equals(out) ? ""
                : " (and the same with " + out.orElseThrow() + " and " + in.orElseThrow() + " swapped, for the answers)";
        if (d.iptables()) {
            String chain = d.hook() == NftHook.FORWARD && d.chains().contains("DOCKER-USER") ? "DOCKER-USER" : d.base();
            String allow = "iptables -I " + chain + in.map(i -> " -i " + i).orElse("") + out.map(o -> " -o " + o).orElse("")
                    + " -j ACCEPT" + back;
            return d.byPolicy() ? "allow them: " + allow + ", or iptables -P " + d.base() + " ACCEPT if nothing on the host needs the drop"
                    : "allow them before that rule: " + allow + ", or remove it: iptables -D " + d.chain() + " " + d.position();
        }
        String[] table = d.table().split(" ", 2);
        String allow = "nft insert rule " + d.table() + " " + d.base() + in.map(i -> " iifname " + i).orElse("")
                + out.map(o -> " oifname " + o).orElse("") + " accept" + back;
        return d.byPolicy() ? "allow them: " + allow + ", or nft chain " + d.table() + " " + d.base() + " '{ policy accept; }'"
                : "allow them before that rule: " + allow + ", or remove it: nft delete rule " + table[0] + " " + table[1] + " "
                        + d.chain() + " handle " + d.handle();
    }

    /** The leg's packet as the host's rules see it, but for the devices: an echo request is new, its reply established. */
    private static Optional<Packet> facts(Leg leg) {
        boolean v4 = leg.source().isV4();
        if (leg.label().equals("request")) {
            return Optional.of(new Packet(leg, v4 ? IcmpType.ECHO_REQUEST : IcmpType.V6_ECHO_REQUEST, ConnState.NEW));
        }
        if (leg.label().equals("echo reply")) {
            return Optional.of(new Packet(leg, v4 ? IcmpType.ECHO_REPLY : IcmpType.V6_ECHO_REPLY, ConnState.ESTABLISHED));
        }
        return Optional.empty(); // an ICMP error, or a port probe's packets: not judged here
    }

    /** A leg's echo packet, for the devices it crosses the host by. */
    private record Packet(Leg leg, IcmpType type, ConnState state) {
        PacketFacts at(Optional<String> in, Optional<String> out) {
            return new PacketFacts(leg.source(), leg.destination(), leg.source().isV4() ? L4Proto.ICMP : L4Proto.ICMPV6, 0, 0,
                    Optional.of(type), in, out, state, 84);
        }
    }
}
