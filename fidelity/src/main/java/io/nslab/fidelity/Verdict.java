package io.nslab.fidelity;

import io.nslab.model.Lab;

import java.util.List;
import java.util.Optional;

/**
 * Both worlds' observations of one lab and how far they agree.
 *
 * @param probes          pings and traceroutes run
 * @param agreeingProbes  those whose outcomes are the same in both worlds
 * @param firstDifference where the worlds first part, or empty when they agree on everything
 * @param retried         kernel probes asked again on their own because the first answer differed
 */
public record Verdict(Lab lab, Observation kernel, Observation simulator, int probes, int agreeingProbes,
                      Optional<String> firstDifference, int retried) {

    Verdict withRetried(int n) {
        return new Verdict(lab, kernel, simulator, probes, agreeingProbes, firstDifference, n);
    }

    public boolean agrees() {
        return firstDifference.isEmpty();
    }

    static Verdict of(Lab lab, Observation kernel, Observation sim) {
        int probes = kernel.pings().size() + kernel.traces().size() + kernel.ports().size();
        int agreeing = same(kernel.pings(), sim.pings()) + same(kernel.traces(), sim.traces()) + same(kernel.ports(), sim.ports());
        Optional<String> first = first("refused ops", kernel.refusals(), sim.refusals())
                .or(() -> first("snapshot", kernel.snapshot(), sim.snapshot()))
                .or(() -> first("pings", kernel.pings(), sim.pings()))
                .or(() -> first("traces", kernel.traces(), sim.traces()))
                .or(() -> first("ports", kernel.ports(), sim.ports()));
        return new Verdict(lab, kernel, sim, probes, agreeing, first, 0);
    }

    private static int same(List<String> a, List<String> b) {
        int n = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i).equals(b.get(i))) {
                n++;
            }
        }
        return n;
    }

    private static Optional<String> first(String what, List<String> kernel, List<String> sim) {
        for (int i = 0; i < Math.max(kernel.size(), sim.size()); i++) {
            String k = i < kernel.size() ? kernel.get(i) : "(nothing)";
            String s = i < sim.size() ? sim.get(i) : "(nothing)";
            if (!k.equals(s)) {
                return Optional.of(what + ", line " + (i + 1) + ":\n  kernel:    " + k + "\n  simulator: " + s);
            }
        }
        return Optional.empty();
    }

    /** What a disagreement prints: the lab as a file and as a script, both sides, and the first difference. */
    public String report() {
        return "=== first difference: " + firstDifference.orElse("none") + "\n"
                + "=== lab file\n" + LabYaml.write(lab)
                + "=== as a script\n" + LabScript.write(lab)
                + "=== kernel\n" + kernel.text()
                + "=== simulator\n" + simulator.text()
                + "=== first difference: " + firstDifference.orElse("none") + "\n";
    }
}
