package io.nslab.fidelity;

import io.nslab.model.Lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a lab in both worlds and compares them ({@link Verdict}). Needs the privilege to create network
 * namespaces; everything it creates lives in a private directory and is removed before it returns.
 *
 * <p>Probes run all at once in the kernel, so ICMP errors of one probe can use up a router's per-sender
 * token bucket (inet_peer, a burst of six, one more per second) before another probe's turn; the simulator
 * starts every probe with full buckets. A probe whose outcome differs is therefore asked again on its own,
 * after the buckets had time to refill, and only a difference that stays counts.
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
            return Verdict.of(lab, retried(kernel, probes, real, sim), sim);
        }
    }

    private static Observation retried(KernelWorld kernel, Probes probes, Observation real, Observation sim) throws InterruptedException {
        List<Integer> pings = differing(real.pings(), sim.pings());
        List<Integer> traces = differing(real.traces(), sim.traces());
        if (pings.isEmpty() && traces.isEmpty() || pings.size() + traces.size() > MAX_RETRIES) {
            return real;
        }
        List<String> p = new ArrayList<>(real.pings());
        List<String> t = new ArrayList<>(real.traces());
        for (int i : pings) {
            Thread.sleep(REFILL_MILLIS);
            p.set(i, kernel.ping(probes.pings().get(i)));
        }
        for (int i : traces) {
            Thread.sleep(REFILL_MILLIS);
            t.set(i, kernel.trace(probes.traces().get(i)));
        }
        return new Observation(real.refusals(), real.snapshot(), p, t);
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
