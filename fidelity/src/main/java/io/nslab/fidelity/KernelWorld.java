package io.nslab.fidelity;

import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Endpoint;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.VethLink;
import io.nslab.op.LabPlanner;
import io.nslab.probe.PingRequest;
import io.nslab.probe.TraceRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The kernel's side of a comparison: the lab built in namespaces of a private directory, which
 * {@link #close()} removes with everything in them. Kept open after the first observation so that a probe
 * whose answer differs can be asked again on its own.
 */
final class KernelWorld implements AutoCloseable {
    /** Namespaces of other labs being torn down hold the RTNL lock for a while, and the link watcher waits for it. */
    private static final long SETTLE_MILLIS = 15000;
    /**
     * A ping that went unanswered may have left an ARP resolution under way, which fails three seconds after it
     * began and then reports Host Unreachable for every packet queued on it, a traceroute's too. The simulator
     * starts each probe with no resolution pending, so traceroutes wait until those have ended.
     */
    static final long ARP_GIVE_UP_MILLIS = 3200;

    private final Lab lab;
    private final ThrowawayNamespaces dir;
    private final KernelNetwork net;
    private final List<String> refusals;

    private KernelWorld(Lab lab, ThrowawayNamespaces dir) {
        this.lab = lab;
        this.dir = dir;
        this.net = new KernelNetwork(dir.registry());
        List<String> r;
        try {
            r = OpRecorder.applyAll(net, LabPlanner.plan(lab));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.refusals = r;
    }

    static KernelWorld build(Lab lab) throws IOException {
        return new KernelWorld(lab, ThrowawayNamespaces.create());
    }

    Observation observe(Probes probes) throws InterruptedException {
        List<String> snapshot = settledSnapshot();
        warmUp();
        forgetLearnedRoutes();
        List<String> pings = parallel(probes.pings().stream().<Callable<String>>map(p -> () -> ping(p)).toList());
        Thread.sleep(ARP_GIVE_UP_MILLIS);
        forgetLearnedRoutes();
        List<String> traces = parallel(probes.traces().stream().<Callable<String>>map(t -> () -> trace(t)).toList());
        List<String> ports = List.of();
        if (!probes.ports().isEmpty()) {
            Thread.sleep(ARP_GIVE_UP_MILLIS); // the traceroutes' unanswered resolutions end before the port probes start
            forgetLearnedRoutes();
            ports = parallel(probes.ports().stream().<Callable<String>>map(p -> () -> port(p)).toList());
        }
        return new Observation(refusals, snapshot, pings, traces, ports);
    }

    /**
     * A host that accepts redirects learns a route exception from one (the next hop for that destination); a
     * later probe then takes the shorter way. The simulator starts every probe without such learned state, so
     * before each round of probes every namespace's route cache and exceptions are flushed:
     * {@code ip netns exec NS sysctl -w net.ipv4.route.flush=1} (rt_cache_flush and fnhe_genid_bump).
     */
    void forgetLearnedRoutes() {
        for (io.nslab.model.NamespaceRef ns : SimWorld.netns(lab)) {
            try {
                net.apply(new io.nslab.op.Op.SetSysctl(ns, "net.ipv4.route.flush", "1"));
            } catch (io.nslab.op.OpException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    String ping(PingRequest p) {
        return Outcomes.of(net.ping(p));
    }

    String port(io.nslab.probe.PortRequest p) {
        return PortProbes.outcome(net.probe(p));
    }

    String trace(TraceRequest t) {
        return Outcomes.of(net.trace(t));
    }

    /**
     * Carrier and operational state follow admin state a moment later, from the kernel's link watcher: the
     * snapshot is taken once every up veth whose peer is up has carrier and two readings in a row agree.
     */
    private List<String> settledSnapshot() throws InterruptedException {
        List<io.nslab.model.NamespaceRef.Named> names = SimWorld.netns(lab);
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        List<String> last = null;
        while (true) {
            io.nslab.state.Snapshot raw = net.snapshot(names);
            List<String> now = SnapshotText.of(raw, names);
            if (now.equals(last) && carriersUp() && operStatesFollow(raw) || System.currentTimeMillis() > deadline) {
                return now;
            }
            last = now;
            Thread.sleep(50);
        }
    }

    /**
     * The link watcher has caught up: every up veth is operationally up with carrier and down without (a veth's
     * UNKNOWN is only the state before the watcher ran), every up bridge with carrier up (or, without ports, unknown)
     * and down without.
     */
    private static boolean operStatesFollow(io.nslab.state.Snapshot s) {
        for (var ns : s.namespaces()) {
            for (var l : ns.links()) {
                boolean settled = switch (l.kind()) {
                    case VETH -> !l.adminUp() || (l.carrier() ? l.operState() == io.nslab.state.OperState.UP
                            : l.operState() == io.nslab.state.OperState.DOWN || l.operState() == io.nslab.state.OperState.LOWERLAYERDOWN);
                    case BRIDGE -> !l.adminUp() || (l.carrier()
                            ? l.operState() == io.nslab.state.OperState.UP || l.operState() == io.nslab.state.OperState.UNKNOWN
                            : l.operState() == io.nslab.state.OperState.DOWN);
                    default -> true;
                };
                if (!settled) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean carriersUp() {
        for (VethLink l : lab.links()) {
            if (l.a().up() && l.b().up()) {
                for (Endpoint e : l.endpoints()) {
                    if (!net.hasCarrier(lab.netnsOf(e.node()), e.ifname().value())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A fresh lab's first packets wait for ARP; every link answers once before anything is compared. */
    private void warmUp() throws InterruptedException {
        // IPv6 forwarding waits for the routers' link-local addresses, tentative for a second or two after carrier
        io.nslab.kernel.probe.Ipv6Dad.await(dir.registry(), SimWorld.netns(lab), java.time.Duration.ofSeconds(3));
        List<Callable<String>> tasks = new ArrayList<>();
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                Endpoint other = e == l.a() ? l.b() : l.a();
                if (e.up() && other.up()) {
                    for (IpPrefix a : other.addresses()) {
                        if (a.address().isV4() || !PortProbes.oddV6Source(lab, e.node())) {
                            tasks.add(() -> ping(Probes.ping(lab.netnsOf(e.node()), a.address())));
                        }
                    }
                }
            }
        }
        parallel(tasks);
    }

    private static List<String> parallel(List<Callable<String>> tasks) throws InterruptedException {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = tasks.stream().map(pool::submit).toList();
            List<String> out = new ArrayList<>();
            for (Future<String> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    out.add("failed: " + e.getCause());
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        try {
            net.close();
        } finally {
            dir.close();
        }
    }
}
