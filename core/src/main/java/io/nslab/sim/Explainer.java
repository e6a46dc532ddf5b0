package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.explain.Explanation;
import io.nslab.explain.Hop;
import io.nslab.explain.Leg;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.probe.PingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code --explain}: follows one echo request hop by hop, then its answer (the echo reply, or the
 * ICMP error a router sent) back to the sender, naming where each stops and the smallest fix.
 */
public final class Explainer {
    private final SimNetwork net;
    private final UnaryOperator<String> nodeName;

    public Explainer(SimNetwork net, UnaryOperator<String> nodeName) {
        this.net = net;
        this.nodeName = nodeName;
    }

    /** Names nodes as the lab does (namespace {@code broken-ns1} is node {@code ns1}). */
    public static Explainer forLab(SimNetwork net, Lab lab) {
        return new Explainer(net, netns -> lab.nodes().values().stream().map(Node::name)
                .filter(n -> lab.netnsOf(n).toString().equals(netns)).findFirst().map(Object::toString).orElse(netns));
    }

    public Explanation explain(PingRequest req) {
        SimNamespace origin = net.namespace(req.netns())
                .orElseThrow(() -> new IllegalArgumentException("no namespace \"" + req.netns() + "\" in this network"));
        Forwarder fw = new Forwarder(net, true, new NeighbourClock());
        FixAdvisor advisor = new FixAdvisor(net, nodeName);
        int ttl = req.ttl().orElse(ProbeRunner.defaultTtl(origin, req.destination()));
        List<Leg> legs = new ArrayList<>();
        Outcome out = fw.originate(origin, req.destination(), req.source(), ttl, new Payload.Echo(true, ProbeRunner.ECHO_ID, req.size()), 0);
        // no packet left: the kernel chose no source, which the text says rather than invent one
        IpAddress src = out.sent != null ? out.sent.src()
                : req.source().orElse(io.nslab.model.IpPrefix.defaultRoute(req.destination().family()).address());
        legs.add(leg("request", src, req.destination(), out, out.disposition, advisor, ttl, req.ttl().isPresent()));
        if (out.deliveredAt != null) {
            SimNamespace target = out.deliveredAt;
            Outcome back = fw.originate(target, out.delivered.src(), Optional.of(out.delivered.dst()), ProbeRunner.defaultTtl(target, src),
                    new Payload.Echo(false, ProbeRunner.ECHO_ID, req.size()), 0, out.deliveredIn);
            Disposition d = back.disposition;
            if (d instanceof Disposition.NoRoute nr && nr.node().equals(target.label())) {
                d = new Disposition.NoReturnRoute(nr.node(), nr.destination());
            }
            if (d instanceof Disposition.Delivered && back.deliveredAt != origin) {
                d = new Disposition.NoReturnRoute(target.label(), src);
            }
            legs.add(leg("echo reply", req.destination(), src, back, d, advisor, ttl, false));
        } else if (out.icmp.isPresent()) {
            Outcome.Icmp icmp = out.icmp.get();
            Outcome back = fw.originate(icmp.at(), icmp.about().src(), icmp.source(),
                    ProbeRunner.defaultTtl(icmp.at(), icmp.about().src()), new Payload.IcmpError(icmp.kind(), icmp.about()), 0);
            IpAddress from = back.sent != null ? back.sent.src() : icmp.about().dst();
            Disposition d = back.disposition;
            if (d instanceof Disposition.NoRoute nr && nr.node().equals(icmp.at().label())) {
                d = new Disposition.NoReturnRoute(nr.node(), nr.destination());
            }
            legs.add(leg("ICMP " + icmp.kind().text(), from, icmp.about().src(), back, d, advisor, ttl, false));
        }
        return new Explanation(nodeName.apply(origin.label()), req.destination(), legs);
    }

    /** The connection attempt, and the answer coming back (SYN-ACK, reset or ICMP error), hop by hop. */
    public Explanation explain(io.nslab.probe.PortRequest req) {
        SimNamespace origin = net.namespace(req.from())
                .orElseThrow(() -> new IllegalArgumentException("no namespace \"" + req.from() + "\" in this network"));
        FixAdvisor advisor = new FixAdvisor(net, nodeName);
        List<Leg> legs = new ArrayList<>();
        new PortEngine(net, (label, from, to, o, d) -> legs.add(leg(label, from, to, o, d, advisor, 64, false))).probe(req);
        return new Explanation(nodeName.apply(origin.label()), req.destination(), legs);
    }

    private Leg leg(String label, IpAddress from, IpAddress to, Outcome o, Disposition d, FixAdvisor advisor, int ttl,
                    boolean ttlGiven) {
        List<Hop> hops = o.hops.stream()
                .map(h -> new Hop(nodeName.apply(h.node()), h.in(), h.out(), h.route(), h.decision())).toList();
        Optional<String> fix = advisor.fix(d, ttl, ttlGiven, !to.isV4());
        return new Leg(label, from, to, hops, rename(d), fix);
    }

    /** The same disposition with the node named as the lab names it. */
    private Disposition rename(Disposition d) {
        return switch (d) {
            case Disposition.Delivered x -> new Disposition.Delivered(nodeName.apply(x.node()), x.address());
            case Disposition.NoRoute x -> new Disposition.NoRoute(nodeName.apply(x.node()), x.destination());
            case Disposition.NoReturnRoute x -> new Disposition.NoReturnRoute(nodeName.apply(x.node()), x.destination());
            case Disposition.ForwardingDisabled x -> new Disposition.ForwardingDisabled(nodeName.apply(x.node()), x.in());
            case Disposition.NeighbourUnreachable x -> new Disposition.NeighbourUnreachable(nodeName.apply(x.node()), x.neighbour(),
                    x.dev());
            case Disposition.LinkDown x -> new Disposition.LinkDown(nodeName.apply(x.node()), x.dev());
            case Disposition.TtlExceeded x -> new Disposition.TtlExceeded(nodeName.apply(x.node()));
            case Disposition.RejectRoute x -> new Disposition.RejectRoute(nodeName.apply(x.node()), x.type(), x.route());
            case Disposition.RpFilterDrop x -> new Disposition.RpFilterDrop(nodeName.apply(x.node()), x.in(), x.source(), x.mode());
            case Disposition.MartianSource x -> new Disposition.MartianSource(nodeName.apply(x.node()), x.source());
            case Disposition.LoopbackDown x -> new Disposition.LoopbackDown(nodeName.apply(x.node()));
            case Disposition.EchoIgnored x -> new Disposition.EchoIgnored(nodeName.apply(x.node()));
            case Disposition.Filtered x -> new Disposition.Filtered(nodeName.apply(x.node()), x.hook(),
                    new io.nslab.firewall.RuleRef(nodeName.apply(x.by().node()), x.by().table(), x.by().chain(), x.by().position(),
                            x.by().handle(), x.by().rule()), x.reject(), x.source(), x.destination(), x.state());
        };
    }
}
