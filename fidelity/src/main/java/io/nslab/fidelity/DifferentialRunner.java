package io.nslab.fidelity;

import io.nslab.model.Lab;

import io.nslab.probe.PingRequest;
import io.nslab.probe.TraceRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Runs a lab in both worlds and compares them ({@link Verdict}). Needs the privilege to create network
 * namespaces; everything it creates lives in a private directory and is removed before it returns.
 *
 * <p>Probes run all at once in the kernel, so ICMP errors of one probe can use up a router's per-sender
 * token bucket (inet_peer, a burst of six, one more per second) before another probe's turn; the simulator
 * starts every probe with full buckets. A probe whose outcome differs is therefore asked again, after the
 * buckets had time to refill, and only a difference that stays counts.
 */
public final class DifferentialRunner {
    /** Long enough for a token bucket to refill from empty: six tokens, one per second. */
    static final long REFILL_MILLIS = 6100;
    /** More differences than this in one lab are not retried: such a lab disagrees anyway. */
    static final int MAX_RETRIES = 24;

    private DifferentialRunner() {
    }

    public static Verdict run(Lab lab) throws IOException, InterruptedException {
        Probes probes = Probes.of(lab);
        Observation sim = SimWorld.observe(lab, probes);
        try (KernelWorld kernel = KernelWorld.build(lab)) {
            Observation real = kernel.observe(probes);
            int differing = differing(real.pings(), sim.pings()).size() + differing(real.traces(), sim.traces()).size()
                    + differing(real.ports(), sim.ports()).size();
            return Verdict.of(lab, retried(kernel, probes, real, sim), sim).withRetried(differing <= MAX_RETRIES ? differing : 0);
        }
    }

    /**
     * Asks the kernel again for every probe whose outcome differs. Where the simulator saw an ICMP error that
     * may have been rate limited away, and for traceroutes, after the buckets refilled (an error costs a router
     * two tokens, ip_error's and icmp_send's, of one bucket per sender) and with a refill between two probes of
     * one sender, which also lets any ARP resolution they start end; the others (a reply the kernel lacks, say)
     * at once.
     */
    private static Observation retried(KernelWorld kernel, Probes probes, Observation real, Observation sim) throws InterruptedException {
        List<Integer> pings = differing(real.pings(), sim.pings());
        List<Integer> traces = differing(real.traces(), sim.traces());
        List<Integer> ports = differing(real.ports(), sim.ports());
        if (pings.isEmpty() && traces.isEmpty() && ports.isEmpty() || pings.size() + traces.size() + ports.size() > MAX_RETRIES) {
            return real;
        }
        kernel.forgetLearnedRoutes();
        List<String> p = Collections.synchronizedList(new ArrayList<>(real.pings()));
        List<String> t = Collections.synchronizedList(new ArrayList<>(real.traces()));
        List<String> o = Collections.synchronizedList(new ArrayList<>(real.ports()));
        Map<io.nslab.model.NamespaceRef, List<Runnable>> later = new LinkedHashMap<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i : pings) {
                PingRequest r = probes.pings().get(i);
                Runnable again = () -> p.set(i, kernel.ping(r));
                if (mayBeRateLimited(sim.pings().get(i))) {
                    later.computeIfAbsent(r.netns(), k -> new ArrayList<>()).add(again);
                } else {
                    pool.submit(again);
                }
            }
            for (int i : traces) {
                TraceRequest r = probes.traces().get(i);
                later.computeIfAbsent(r.netns(), k -> new ArrayList<>()).add(() -> t.set(i, kernel.trace(r)));
            }
            for (int i : ports) {
                io.nslab.probe.PortRequest r = probes.ports().get(i);
                later.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(() -> o.set(i, kernel.port(r)));
            }
        }
        if (!later.isEmpty()) {
            Thread.sleep(REFILL_MILLIS);
            kernel.forgetLearnedRoutes();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (List<Runnable> sender : later.values()) {
                    pool.submit(() -> {
                        for (Runnable again : sender) {
                            again.run();
                            try {
                                Thread.sleep(REFILL_MILLIS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    });
                }
            }
        }
        return new Observation(real.refusals(), real.snapshot(), p, t, o);
    }

    /** The simulator's outcome has an ICMP error in it (anything but replies, loss and local errors). */
    private static boolean mayBeRateLimited(String simOutcome) {
        String what = simOutcome.substring(simOutcome.indexOf(": ") + 2);
        return !what.startsWith("connect:") && !what.equals("no answer") && !what.startsWith("reply ");
    }

    private static List<Integer> differing(List<String> kernel, List<String> sim) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < kernel.size(); i++) {
            if (!kernel.get(i).equals(sim.get(i))) {
                out.add(i);
            }
        }
        return out;
    }
}
