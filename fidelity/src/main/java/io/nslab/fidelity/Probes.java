package io.nslab.fidelity;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.model.VethLink;
import io.nslab.probe.PingRequest;
import io.nslab.probe.TraceRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a lab is probed with: one ping from every node to every address of the lab, IPv4 and IPv6 (but for IPv6 from a
 * node the kernel would send from ::1 or a link-local address, see {@link PortProbes#oddV6Source}), from every node a
 * traceroute to a few IPv4 ones (the kernel world traces IPv4 only), and the port probes. A wait of one second
 * is longer than any answer takes between namespaces and shorter than ARP's three-second give-up, in both
 * worlds alike.
 */
public record Probes(List<PingRequest> pings, List<TraceRequest> traces, List<io.nslab.probe.PortRequest> ports) {
    static final Duration WAIT = Duration.ofSeconds(1);
    static final int TRACE_HOPS = 8;
    static final int TRACES_PER_NODE = 3;

    public Probes {
        pings = List.copyOf(pings);
        traces = List.copyOf(traces);
        ports = List.copyOf(ports);
    }

    /** Pings and traceroutes only. */
    public Probes(List<PingRequest> pings, List<TraceRequest> traces) {
        this(pings, traces, List.of());
    }

    public int size() {
        return pings.size() + traces.size() + ports.size();
    }

    public static Probes of(Lab lab) {
        List<IpAddress> targets = targets(lab);
        List<IpAddress> v6 = allAddresses(lab).stream().filter(a -> !a.isV4()).toList();
        List<PingRequest> pings = new ArrayList<>();
        List<TraceRequest> traces = new ArrayList<>();
        int i = 0;
        for (NodeName from : lab.nodes().keySet()) {
            io.nslab.model.NamespaceRef netns = lab.netnsOf(from);
            for (IpAddress t : targets) {
                pings.add(ping(netns, t));
            }
            if (!PortProbes.oddV6Source(lab, from)) {
                for (IpAddress t : v6) {
                    pings.add(ping(netns, t));
                }
            }
            int tracesHere = Math.min(TRACES_PER_NODE, targets.size());
            for (int k = 0; k < tracesHere; k++) {
                traces.add(new TraceRequest(netns, targets.get((i * 7 + k * 5) % targets.size()), TRACE_HOPS, 1, WAIT));
            }
            i++;
        }
        pings.addAll(edgeCases(lab, targets));
        return new Probes(pings, traces, PortProbes.of(lab, allAddresses(lab)));
    }

    /** Long enough for ARP's three-second give-up, after which both worlds report Destination Host Unreachable. */
    static final Duration UNRESOLVED_WAIT = Duration.ofSeconds(4);

    /**
     * The probe edge cases issue 22 found the worlds to disagree on, from the lab's first node (after the other pings,
     * so that earlier probes keep their places): ping 0.0.0.0 (answered by 127.0.0.1 through lo), ping -I with an
     * address of another node (bind: Cannot assign requested address), and an address on the node's first IPv4 subnet
     * that nobody has (ARP gives up after 3 s: Destination Host Unreachable).
     */
    static List<PingRequest> edgeCases(Lab lab, List<IpAddress> targets) {
        List<PingRequest> out = new ArrayList<>();
        if (lab.nodes().isEmpty()) {
            return out;
        }
        NodeName first = lab.nodes().keySet().iterator().next();
        io.nslab.model.NamespaceRef netns = lab.netnsOf(first);
        out.add(ping(netns, IpAddress.v4(0, 0, 0, 0)));
        List<IpPrefix> own = new ArrayList<>(lab.node(first).orElseThrow().loopback().addresses());
        lab.endpointsOf(first).forEach(e -> own.addAll(e.addresses()));
        lab.node(first).orElseThrow().bridges().forEach(b -> own.addAll(b.addresses()));
        List<IpAddress> mine = own.stream().map(IpPrefix::address).toList();
        // towards one of the node's own addresses, which it always routes: toward an address it has no route to, the
        // kernel reports the route's error before the bind's, an order the simulator does not model yet
        Optional<IpAddress> ownTarget = own.stream().map(IpPrefix::address).filter(a -> a.isV4() && !a.isLoopback()).findFirst();
        targets.stream().filter(t -> !mine.contains(t)).findFirst().ifPresent(other -> ownTarget.ifPresent(to -> out.add(new PingRequest(
                netns, to, 1, Duration.ofMillis(200), WAIT, OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.of(other), Optional.empty()))));
        own.stream().filter(p -> p.address().isV4() && p.length() <= 29 && !p.address().isLoopback()).findFirst()
                .flatMap(p -> unused(p, targets)).ifPresent(free -> out.add(new PingRequest(netns, free, 1, Duration.ofMillis(200),
                        UNRESOLVED_WAIT, OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty())));
        return out;
    }

    /** The highest host address of {@code subnet} that no interface of the lab has. */
    private static Optional<IpAddress> unused(IpPrefix subnet, List<IpAddress> taken) {
        int broadcast = subnet.address().broadcast(subnet.length()).v4bits();
        int network = subnet.address().masked(subnet.length()).v4bits();
        for (int a = broadcast - 1; a > network; a--) {
            IpAddress candidate = IpAddress.v4(a);
            if (!taken.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static PingRequest ping(io.nslab.model.NamespaceRef netns, IpAddress destination) {
        return new PingRequest(netns, destination, 1, Duration.ofMillis(200), WAIT, OptionalInt.empty(),
                PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty());
    }

    /** Every IPv4 address of the lab, in file order: loopbacks, link ends, bridges. */
    static List<IpAddress> targets(Lab lab) {
        return allAddresses(lab).stream().filter(IpAddress::isV4).toList();
    }

    /** Every address of the lab, IPv4 and IPv6 but for link-local ones (whose probes need a device), in file order. */
    static List<IpAddress> allAddresses(Lab lab) {
        List<IpPrefix> all = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            all.addAll(n.loopback().addresses());
        }
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                all.addAll(e.addresses());
            }
        }
        for (Node n : lab.nodes().values()) {
            for (Bridge b : n.bridges()) {
                all.addAll(b.addresses());
            }
        }
        return all.stream().map(IpPrefix::address).filter(a -> a.isV4() || !a.isLinkLocal()).toList();
    }
}
