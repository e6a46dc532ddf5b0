package io.nslab.fault;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.model.Endpoint;
import io.nslab.model.Impairment;
import io.nslab.model.Lab;
import io.nslab.model.VethLink;
import io.nslab.sim.SimNetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lab file's {@code impair:} made real after {@code up}: each end's rate or delay (its root qdisc) and loss (a
 * rule in its peer's node, {@link Loss}). Every impairment the file gives is applied again on each {@code up} (a
 * link that an incremental up made again has lost its qdisc), and those the lab as last applied had but the file no
 * longer has are taken off. Delays come last, so that on a kernel without sch_netem everything else is in place
 * when the delay is refused (exit 3).
 */
public final class Impairments {
    /** What the simulator does with them, said once where a lab has any. */
    public static final String SIMULATOR_NOTE = "the simulator models reachability, not time or chance: rates and delays "
            + "change no probe's outcome, a loss below 100% neither (a ping gets its reply), and a loss of 100% drops "
            + "every packet of that direction, so a ping across it fails both ways";

    private Impairments() {
    }

    /** Each end's impairment, by end label ({@code node:ifname}), for the ends that have one. */
    public static Map<String, Impairment> of(Lab lab) {
        Map<String, Impairment> out = new LinkedHashMap<>();
        for (VethLink l : lab.links()) {
            for (Endpoint e : l.endpoints()) {
                Impairment i = l.impairmentOf(e);
                if (!i.isNone()) {
                    out.put(e.label(), i);
                }
            }
        }
        return out;
    }

    /** "impair ns1:v1: rate 8mbit, loss 1% (what leaves ns1:v1)" per impaired end. */
    public static List<String> lines(Lab lab) {
        return of(lab).entrySet().stream().map(e -> "impair " + e.getKey() + ": " + e.getValue().text()
                + " (what leaves " + e.getKey() + ")").toList();
    }

    /**
     * Brings the network's impairments from {@code old}'s (the lab as last applied, if any) to {@code lab}'s. In the
     * simulator only losses are kept (rates and delays change no reachability).
     */
    public static void apply(Network network, Optional<Lab> old, Lab lab) {
        Map<String, Impairment> now = of(lab);
        Map<String, Impairment> before = old.map(Impairments::of).orElse(Map.of());
        boolean sim = network instanceof SimNetwork;
        for (var e : before.entrySet()) {
            if (now.containsKey(e.getKey())) {
                continue;
            }
            if (e.getValue().lossHundredths() > 0) {
                quietly(() -> Loss.set(network, old.orElseThrow(), e.getKey(), 0)); // the link or its peer may be gone
            }
            if (e.getValue().hasQdisc() && hasEnd(lab, e.getKey())) {
                Faults.clearQdisc(network, lab, e.getKey());
            }
        }
        for (var e : now.entrySet()) {
            Impairment i = e.getValue();
            Impairment was = before.getOrDefault(e.getKey(), Impairment.NONE);
            if (i.lossHundredths() > 0 || was.lossHundredths() > 0) {
                Loss.set(network, lab, e.getKey(), i.lossHundredths() / 100.0);
            }
            if (i.rate().isPresent()) {
                long bits = i.rate().getAsLong();
                Faults.rate(network, lab, e.getKey(), bits, (int) Math.max(32 * 1024, Math.min(Integer.MAX_VALUE, bits / 8 / 50)),
                        Duration.ofMillis(50));
            } else if (!i.hasQdisc() && was.hasQdisc() && !sim) {
                Faults.clearQdisc(network, lab, e.getKey());
            }
        }
        for (var e : now.entrySet()) {
            Impairment i = e.getValue();
            if (i.delay().isPresent()) {
                try {
                    Faults.delay(network, lab, e.getKey(), i.delay().get(), i.jitter().orElse(Duration.ZERO));
                } catch (NslabException ex) {
                    throw new NslabException(ex.exitCode(), "impair: " + ex.getMessage() + ". Lab " + lab.name()
                            + " is up with its other impairments; take the delay out of the file and up again, or down it");
                }
            }
        }
    }

    /** The lines to show for a lab in the simulator: each impairment, then what the simulator does with them. */
    public static List<String> simulatorLines(Lab lab) {
        List<String> out = new ArrayList<>(lines(lab));
        if (!out.isEmpty()) {
            out.add("(" + SIMULATOR_NOTE + ")");
        }
        return out;
    }

    private static boolean hasEnd(Lab lab, String label) {
        return lab.links().stream().flatMap(l -> l.endpoints().stream()).anyMatch(x -> x.label().equals(label));
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (NslabException | io.nslab.netlink.NativeException e) {
            if (e instanceof NslabException n && n.exitCode() == ExitCode.BAD_INPUT) {
                throw n;
            }
            // the end's node is gone with its namespace: so is its loss
        }
    }
}
