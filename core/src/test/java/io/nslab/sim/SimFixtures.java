package io.nslab.sim;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Route;
import io.nslab.model.RouteType;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.probe.PingRequest;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Small builders for simulator tests, in the words of the ip commands they stand for. */
public final class SimFixtures {
    private SimFixtures() {
    }

    public static IfName ifn(String s) {
        return IfName.of(s);
    }

    public static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    public static Op.AddVeth veth(String ns, String name, String peerNs, String peer) {
        return new Op.AddVeth(named(ns), ifn(name), named(peerNs), ifn(peer), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty());
    }

    public static Op.AddAddress addr(String ns, String dev, String prefix) {
        return new Op.AddAddress(named(ns), ifn(dev), IpPrefix.parse(prefix));
    }

    public static Op.SetLinkState up(String ns, String dev) {
        return new Op.SetLinkState(named(ns), ifn(dev), true);
    }

    public static Op.SetLinkState down(String ns, String dev) {
        return new Op.SetLinkState(named(ns), ifn(dev), false);
    }

    /** {@code ip route add TEXT} for the simple forms: "[type] DST [via GW] [dev D] [metric M] [src S] [onlink]". */
    public static Route route(String text) {
        String[] w = text.split(" ");
        int i = 0;
        RouteType type = RouteType.UNICAST;
        for (RouteType t : RouteType.values()) {
            if (t != RouteType.UNICAST && w[0].equals(t.keyword())) {
                type = t;
                i++;
            }
        }
        IpPrefix dst = w[i].equals("default") ? IpPrefix.parse("0.0.0.0/0") : IpPrefix.parse(w[i]);
        i++;
        Optional<IpAddress> via = Optional.empty();
        Optional<IfName> dev = Optional.empty();
        OptionalInt metric = OptionalInt.empty();
        Optional<IpAddress> src = Optional.empty();
        boolean onlink = false;
        for (; i < w.length; i++) {
            switch (w[i]) {
                case "via" -> via = Optional.of(ip(w[++i]));
                case "dev" -> dev = Optional.of(ifn(w[++i]));
                case "metric" -> metric = OptionalInt.of(Integer.parseInt(w[++i]));
                case "src" -> src = Optional.of(ip(w[++i]));
                case "onlink" -> onlink = true;
                default -> throw new IllegalArgumentException(w[i]);
            }
        }
        return new Route(type, dst, via, dev, metric, src, onlink);
    }

    public static Op.AddRoute addRoute(String ns, String text) {
        return new Op.AddRoute(named(ns), route(text));
    }

    public static Op.SetSysctl sysctl(String ns, String key, String value) {
        return new Op.SetSysctl(named(ns), key, value);
    }

    public static PingRequest ping(String ns, String dst, int count, double timeoutSeconds) {
        return new PingRequest(named(ns), ip(dst), count, Duration.ofMillis(200), Duration.ofMillis(Math.round(timeoutSeconds * 1000)),
                OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty());
    }

    public static PingRequest pingTtl(String ns, String dst, int count, int ttl) {
        return new PingRequest(named(ns), ip(dst), count, Duration.ofMillis(200), Duration.ofSeconds(1), OptionalInt.of(ttl),
                PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty());
    }

    /** The tutorial's network as seed.sh builds it by hand: ns1 - router - ns2, forwarding on, routes both ways. */
    public static SimNetwork seed(boolean routes) throws OpException {
        SimNetwork net = new SimNetwork();
        for (String ns : new String[] {"ns1", "router", "ns2"}) {
            net.apply(new Op.AddNamespace(named(ns)));
        }
        net.apply(veth("ns1", "v1", "router", "v1_r"));
        net.apply(veth("ns2", "v2", "router", "v2_r"));
        net.apply(addr("ns1", "v1", "10.10.10.2/24"));
        net.apply(addr("router", "v1_r", "10.10.10.1/24"));
        net.apply(addr("ns2", "v2", "10.10.20.2/24"));
        net.apply(addr("router", "v2_r", "10.10.20.1/24"));
        for (String ns : new String[] {"ns1", "router", "ns2"}) {
            net.apply(up(ns, "lo"));
        }
        net.apply(up("ns1", "v1"));
        net.apply(up("router", "v1_r"));
        net.apply(up("router", "v2_r"));
        net.apply(up("ns2", "v2"));
        net.apply(sysctl("router", "net.ipv4.ip_forward", "1"));
        if (routes) {
            net.apply(addRoute("ns1", "10.10.20.0/24 via 10.10.10.1"));
            net.apply(addRoute("ns2", "10.10.10.0/24 via 10.10.20.1"));
        }
        return net;
    }
}
