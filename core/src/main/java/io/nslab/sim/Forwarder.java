package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.firewall.Hook;
import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;
import io.nslab.state.RouteKind;

import java.util.Optional;

/**
 * Moves one packet through the simulated namespaces the way the kernel does: the sender's output route
 * lookup and source selection, neighbour resolution across veths and bridges, and at each receiver
 * ip_route_input (local delivery by the weak host model, or forwarding by the ingress device's switch,
 * reverse-path filtering, the TTL check after the lookup, redirects). It never sends the ICMP
 * messages itself: it records them in the {@link Outcome} so the caller can rate-limit and route them. The
 * netfilter hooks and the hop record are {@link HookPath}'s, the way out of a device {@link NeighbourResolution}'s.
 */
final class Forwarder {
    private final HookPath path;
    private final boolean explain;
    private final NeighbourResolution link;

    Forwarder(SimNetwork net, boolean explain, NeighbourClock neighbours) {
        this.explain = explain;
        this.path = new HookPath(explain);
        this.link = new NeighbourResolution(net, path, neighbours, this::ingress);
    }

    /** A packet a process in {@code ns} sends to {@code dst} (ping, or a node's reply or ICMP error). */
    Outcome originate(SimNamespace ns, IpAddress dst, Optional<IpAddress> source, int ttl, Payload payload, double t) {
        return originate(ns, dst, source, ttl, payload, t, null);
    }

    /**
     * The same, with an output interface the IPv6 route lookup ranks first among the routes of the prefix it
     * matched (flowi6_oif without strictness: rt6_check_dev scores the route through it 2, the others 0), as
     * icmpv6_echo_reply does with the interface the request came in by.
     */
    Outcome originate(SimNamespace ns, IpAddress dst, Optional<IpAddress> source, int ttl, Payload payload, double t, SimLink oif) {
        Outcome o = new Outcome();
        if (payload instanceof Payload.Echo e && e.request() && dst.isV4Mapped()) {
            // ping's connect() on a dual-stack IPv6 UDP socket takes ::ffff:a.b.c.d as IPv4: without an IPv4 route it
            // fails as for IPv4 (ping ::ffff:10.0.0.1: "connect: Network is unreachable"); the echo request itself
            // then goes out as IPv6
            Optional<SimRoute> v4 = Fib.lookup(ns, dst.mappedV4());
            Optional<LocalError> refused = v4.isEmpty() ? Optional.of(LocalError.NETWORK_UNREACHABLE) : switch (v4.get().kind()) {
                case BLACKHOLE -> Optional.of(LocalError.INVALID_ARGUMENT);
                case UNREACHABLE -> Optional.of(LocalError.NO_ROUTE_TO_HOST);
                case PROHIBIT, BROADCAST, MULTICAST, ANYCAST, THROW -> Optional.of(LocalError.PERMISSION_DENIED);
                case LOCAL, UNICAST -> Optional.empty();
            };
            if (refused.isPresent()) {
                o.localError = refused;
                path.hop(o, ns, null, null, v4.orElse(null), "connect() reads " + dst + " as IPv4, and " + dst.mappedV4()
                        + (v4.isEmpty() ? " has no route" : " has a " + v4.get().kind().word() + " route"));
                o.disposition = new Disposition.NoRoute(ns.label(), dst.mappedV4());
                return o;
            }
        }
        if (!(payload instanceof Payload.IcmpError) && dst.isUnspecified()) {
            // rawv6_sendmsg: "::" means ::1 (a BSDism the kernel keeps)
            return dst.isV4() ? toThisHost(ns, source, ttl, payload, o) : originate(ns, IpAddress.parse("::1"), source, ttl, payload, t);
        }
        if (source.isEmpty() && !dst.isV4() && !dst.isV4Mapped() && !(payload instanceof Payload.IcmpError)
                && !(payload instanceof Payload.Ndp) && !Fib.anyV6Source(ns)) {
            // ip6_dst_lookup_tail picks the source before it looks at the route's error: with no candidate at all,
            // connect() answers EADDRNOTAVAIL whatever the route says (seen on the kernel: lo down and no address,
            // with no route, an unreachable route, or a route through a device whose link-local is still tentative)
            o.localError = Optional.of(LocalError.NO_SOURCE_ADDRESS);
            path.hop(o, ns, null, null, null, "no IPv6 address to send from (not even ::1 or a link-local one)");
            o.disposition = new Disposition.NoRoute(ns.label(), dst);
            return o;
        }
        Optional<SimRoute> found = Fib.lookup(ns, dst);
        if (found.isEmpty()) {
            o.localError = Optional.of(LocalError.NETWORK_UNREACHABLE);
            path.hop(o, ns, null, null, null, "no route to " + dst);
            o.disposition = new Disposition.NoRoute(ns.label(), dst);
            return o;
        }
        SimRoute r = oif == null || dst.isV4() ? found.get() : Fib.preferDevice(ns, found.get(), oif);
        switch (r.kind()) {
            case BLACKHOLE, UNREACHABLE, PROHIBIT -> {
                o.localError = Optional.of(switch (r.kind()) {
                    case BLACKHOLE -> LocalError.INVALID_ARGUMENT;
                    case UNREACHABLE -> LocalError.NO_ROUTE_TO_HOST;
                    default -> LocalError.PERMISSION_DENIED;
                });
                path.hop(o, ns, null, null, r, "the route refuses the packet before it leaves");
                o.disposition = new Disposition.RejectRoute(ns.label(), r.kind().word(), HookPath.routeText(r));
                return o;
            }
            case BROADCAST, MULTICAST, ANYCAST, THROW -> {
                // ping's (and UDP's) connect() to a broadcast address without SO_BROADCAST: EACCES; TCP's connect()
                // to a broadcast or multicast route is ENETUNREACH (tcp_v4_connect; fidelity seed 449)
                boolean tcp = payload instanceof Payload.Transport tr && tr.protocol() == io.nslab.firewall.L4Proto.TCP
                        && (r.kind() == RouteKind.BROADCAST || r.kind() == RouteKind.MULTICAST);
                o.localError = Optional.of(tcp ? LocalError.NETWORK_UNREACHABLE : LocalError.PERMISSION_DENIED);
                path.hop(o, ns, null, null, r, dst + " is a broadcast address here");
                o.disposition = new Disposition.RejectRoute(ns.label(), r.kind().word(), HookPath.routeText(r));
                return o;
            }
            case LOCAL -> {
                IpAddress src = source.orElse(r.prefsrc().orElse(dst));
                o.sent = new Packet(src, dst, ttl, payload);
                SimLink lo = ns.loopback();
                path.hop(o, ns, null, lo.name, r, "local address: looped back through lo");
                // the output and postrouting hooks come before lo's transmit, which drops when lo is down: a rule
                // there decides first (fidelity seed 850: a UDP datagram to the node's own address, lo down and
                // ct state new dropped at output, is send()'s EPERM on the kernel)
                Packet p = path.pass(ns, Hook.OUTPUT, o.sent, null, lo, null, o, true);
                if (p == null) {
                    return o;
                }
                Optional<SimRoute> again = p.dst().equals(dst) ? Optional.of(r) : Fib.lookup(ns, p.dst());
                if (again.isPresent() && again.get().kind() == RouteKind.UNICAST) {
                    // NAT at output sent it elsewhere (an ICMP error about a masqueraded packet, back to the inside)
                    SimRoute via = again.get();
                    path.hop(o, ns, null, via.dev().name, via, "rerouted after NAT: sent to " + via.nextHop(p.dst()));
                    p = path.pass(ns, Hook.POSTROUTING, p, null, via.dev(), via.nextHop(p.dst()), o, true);
                    if (p != null) {
                        link.transmit(ns, via, p, o, t, true);
                    }
                    return o;
                }
                loopBack(ns, p, o);
                return o;
            }
            case UNICAST -> {
                Optional<IpAddress> src = source.or(() -> Fib.source(ns, r, dst));
                if (src.isEmpty()) {
                    o.localError = Optional.of(LocalError.NETWORK_UNREACHABLE);
                    path.hop(o, ns, null, r.dev().name, r, "no source address usable on " + r.dev().name);
                    o.disposition = new Disposition.NoRoute(ns.label(), dst);
                    return o;
                }
                o.sent = new Packet(src.get(), dst, ttl, payload);
                if (explain) { // the words cost more than the walk: made only when explaining
                    path.hop(o, ns, null, r.dev().name, r, "sent to " + r.nextHop(dst) + " from " + src.get());
                }
                Packet p = path.pass(ns, Hook.OUTPUT, o.sent, null, r.dev(), r.nextHop(dst), o, true);
                if (p == null) {
                    return o;
                }
                if (!p.dst().equals(dst)) {
                    // destination NAT at output: ip_route_me_harder looks the route up again
                    Optional<SimRoute> again = Fib.lookup(ns, p.dst());
                    if (again.isEmpty() || again.get().kind() != RouteKind.UNICAST && again.get().kind() != RouteKind.LOCAL) {
                        path.hop(o, ns, null, null, again.orElse(null), "no usable route to " + p.dst() + " after NAT");
                        o.disposition = new Disposition.NoRoute(ns.label(), p.dst());
                        return o;
                    }
                    if (again.get().kind() == RouteKind.LOCAL) {
                        loopBack(ns, p, o);
                        return o;
                    }
                }
                SimRoute via = p.dst().equals(dst) ? r : Fib.lookup(ns, p.dst()).orElseThrow();
                p = path.pass(ns, Hook.POSTROUTING, p, null, via.dev(), via.nextHop(p.dst()), o, true);
                if (p != null) {
                    link.transmit(ns, via, p, o, t, true);
                }
                return o;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Postrouting, then prerouting and input on lo: the way a packet to one of the node's own addresses goes. */
    private void loopBack(SimNamespace ns, Packet p, Outcome o) {
        SimLink lo = ns.loopback();
        p = path.pass(ns, Hook.POSTROUTING, p, null, lo, null, o, true);
        if (p == null) {
            return;
        }
        if (!lo.adminUp) {
            o.disposition = new Disposition.LoopbackDown(ns.label());
            return;
        }
        loopBackIn(ns, p, o);
    }

    private void loopBackIn(SimNamespace ns, Packet p, Outcome o) {
        SimLink lo = ns.loopback();
        p = path.pass(ns, Hook.PREROUTING, p, lo, null, null, o, true);
        if (p != null) {
            p = path.pass(ns, Hook.INPUT, p, lo, null, null, o, true);
        }
        if (p != null) {
            deliver(ns, p, o, lo);
        }
    }

    /**
     * ip_route_output for 0.0.0.0: no lookup at all, the packet goes to 127.0.0.1 through lo (so ping 0.0.0.0 is
     * answered by 127.0.0.1, whatever the tables say). With lo down the kernel refuses it at connect (Network is
     * unreachable): the fidelity run's ping 0.0.0.0 found so on labs with a node's loopback down, where this said loss.
     */
    private Outcome toThisHost(SimNamespace ns, Optional<IpAddress> source, int ttl, Payload payload, Outcome o) {
        IpAddress loopback = IpAddress.v4(127, 0, 0, 1);
        o.sent = new Packet(source.orElse(loopback), loopback, ttl, payload);
        SimLink lo = ns.loopback();
        path.hop(o, ns, null, lo.name, null, "0.0.0.0 stands for this host: sent to 127.0.0.1 through lo");
        if (!lo.adminUp) {
            o.localError = Optional.of(LocalError.NETWORK_UNREACHABLE);
            o.disposition = new Disposition.LoopbackDown(ns.label());
            return o;
        }
        // through the output hook like any packet the node sends (fidelity seed 22: an output rule dropping echo
        // requests silenced ping 0.0.0.0 on the kernel, and the simulator answered it)
        Packet p = path.pass(ns, Hook.OUTPUT, o.sent, null, lo, null, o, true);
        if (p != null) {
            loopBack(ns, p, o);
        }
        return o;
    }

    private void ingress(SimNamespace ns, SimLink in, Packet received, Outcome o, double t) {
        Packet p = path.pass(ns, Hook.PREROUTING, received, in, null, null, o, false);
        if (p == null) {
            return;
        }
        Optional<SimRoute> found = Fib.lookup(ns, p.dst());
        boolean forwarding = p.dst().isV4() ? ns.sysctls.forwarding(in) : ns.sysctls.forwardingV6(in);
        // IPv6 looks the route up first and answers its errors whatever the forwarding switch says (ip6_pkt_discard,
        // ip6_pkt_prohibit); only ip6_forward, for a usable route, checks it. IPv4 checks it in ip_route_input_slow.
        // Seen on the kernel: a node with IPv6 forwarding off answers No route and Administratively prohibited.
        boolean silentWithoutForwarding = !forwarding && p.dst().isV4();
        if (found.isEmpty()) {
            if (silentWithoutForwarding) {
                path.hop(o, ns, in.name, null, null, forwardingOff(p, in));
                o.disposition = new Disposition.ForwardingDisabled(ns.label(), in.name);
                return;
            }
            path.hop(o, ns, in.name, null, null, "no route to " + p.dst());
            o.disposition = new Disposition.NoRoute(ns.label(), p.dst());
            icmpError(ns, IcmpErrorKind.NET_UNREACHABLE, p, o);
            return;
        }
        SimRoute r = found.get();
        switch (r.kind()) {
            case LOCAL -> {
                Optional<io.nslab.explain.Disposition> bad = SourceCheck.validate(ns, p.src(), in, null);
                if (bad.isPresent()) {
                    path.hop(o, ns, in.name, null, r, "dropped by the source check");
                    o.disposition = bad.get();
                    return;
                }
                path.hop(o, ns, in.name, null, r, "local address: delivered");
                Packet accepted = path.pass(ns, Hook.INPUT, p, in, null, null, o, false);
                if (accepted != null) {
                    deliver(ns, accepted, o, in);
                }
            }
            case BROADCAST, MULTICAST, ANYCAST, THROW -> {
                path.hop(o, ns, in.name, null, r, "broadcast echo requests are ignored");
                o.disposition = new Disposition.EchoIgnored(ns.label());
            }
            case BLACKHOLE, UNREACHABLE, PROHIBIT -> {
                if (silentWithoutForwarding) {
                    path.hop(o, ns, in.name, null, r, forwardingOff(p, in));
                    o.disposition = new Disposition.ForwardingDisabled(ns.label(), in.name);
                    return;
                }
                path.hop(o, ns, in.name, null, r, r.kind().word() + " route");
                o.disposition = new Disposition.RejectRoute(ns.label(), r.kind().word(), HookPath.routeText(r));
                if (r.kind() == RouteKind.UNREACHABLE) {
                    // IPv4 answers host unreachable, IPv6 "no route" (ICMPv6 code 0, ip6_pkt_discard)
                    icmpError(ns, p.dst().isV4() ? IcmpErrorKind.HOST_UNREACHABLE : IcmpErrorKind.NET_UNREACHABLE, p, o);
                } else if (r.kind() == RouteKind.PROHIBIT) {
                    icmpError(ns, IcmpErrorKind.PACKET_FILTERED, p, o);
                }
            }
            case UNICAST -> forward(ns, in, r, p, o, t, forwarding);
        }
    }

    /** Why a packet for another node stops here: IPv4 forwards by the incoming interface's switch, IPv6 by conf/all's. */
    private static String forwardingOff(Packet p, SimLink in) {
        return p.dst().isV4() ? "not for this node, and forwarding is off on " + in.name
                : "not for this node, and IPv6 forwarding is off (conf/all)";
    }

    private void forward(SimNamespace ns, SimLink in, SimRoute r, Packet p, Outcome o, double t, boolean forwarding) {
        if (!forwarding) {
            path.hop(o, ns, in.name, null, r, forwardingOff(p, in));
            o.disposition = new Disposition.ForwardingDisabled(ns.label(), in.name);
            return;
        }
        Optional<Disposition> bad = SourceCheck.validate(ns, p.src(), in, r.dev());
        if (bad.isPresent()) {
            path.hop(o, ns, in.name, r.dev().name, r, "dropped by the source check");
            o.disposition = bad.get();
            return;
        }
        if (p.ttl() <= 1) {
            path.hop(o, ns, in.name, r.dev().name, r, "TTL " + p.ttl() + " would reach 0");
            o.disposition = new Disposition.TtlExceeded(ns.label());
            if (!p.icmpError()) {
                o.icmp = Optional.of(new Outcome.Icmp(ns, IcmpErrorKind.TTL_EXCEEDED, p, Optional.empty(), 0, false, false));
            }
            return;
        }
        if (p.dst().isV4() && r.dev() == in && SourceCheck.senderOnLink(ns, p.src(), in)
                && ns.sysctls.either(in, "send_redirects") && !p.icmpError()) {
            o.redirects.add(new Outcome.Icmp(ns, IcmpErrorKind.REDIRECT_HOST, p, Optional.of(r.nextHop(p.dst())), 0, false, false));
        }
        if (explain) {
            path.hop(o, ns, in.name, r.dev().name, r, "forwarded to " + r.nextHop(p.dst()) + ", TTL " + p.ttl() + " -> " + (p.ttl() - 1));
        }
        Packet q = path.pass(ns, Hook.FORWARD, p.withTtl(p.ttl() - 1), in, r.dev(), null, o, false);
        if (q != null) {
            q = path.pass(ns, Hook.POSTROUTING, q, null, r.dev(), r.nextHop(q.dst()), o, false);
        }
        if (q != null) {
            link.transmit(ns, r, q, o, t, false);
        }
    }

    private void icmpError(SimNamespace ns, IcmpErrorKind kind, Packet p, Outcome o) {
        if (!p.icmpError()) {
            // ip_error's own token comes first for IPv4 only: IPv6's route errors go straight to icmpv6_send
            o.icmp = Optional.of(new Outcome.Icmp(ns, kind, p, Optional.empty(), 0, false, p.dst().isV4()));
        }
    }

    private void deliver(SimNamespace ns, Packet p, Outcome o, SimLink in) {
        if (p.payload() instanceof Payload.Echo e && e.request() && p.dst().isV4() && ns.sysctls.global("net.ipv4.icmp_echo_ignore_all") == 1) {
            o.disposition = new Disposition.EchoIgnored(ns.label());
            return;
        }
        o.deliveredAt = ns;
        o.deliveredIn = in;
        o.delivered = p;
        o.ttlLeft = p.ttl();
        o.disposition = new Disposition.Delivered(ns.label(), p.dst());
    }
}
