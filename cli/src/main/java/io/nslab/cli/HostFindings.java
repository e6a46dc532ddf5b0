package io.nslab.cli;

import io.nslab.explain.Explanation;
import io.nslab.explain.HostInterference;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;

import java.io.PrintWriter;
import java.util.List;

/** Prints what of the host's own state stops a lab's packets where they cross it ({@link HostInterference}). */
final class HostFindings {
    private HostFindings() {
    }

    static void print(KernelNetwork kernel, Lab lab, Explanation e, PrintWriter out) {
        try {
            List<HostInterference.Finding> found = HostInterference.of(kernel, lab, e);
            if (!found.isEmpty()) {
                out.println("the host's own state (read, never changed; the path above leaves it out) stops the packets:");
                found.forEach(f -> out.print(f.text()));
            }
        } catch (RuntimeException x) {
            // the explanation stands without it; say why the host's part is missing
            out.println("(the host's firewall and forwarding could not be read: " + x.getMessage() + ")");
        }
    }

    /**
     * Under {@code check} on the kernel: for each failed ping check of a lab with host ends that expected a reply and
     * got none, explains it from the kernel's state and prints what of the host stops it.
     */
    static void afterChecks(KernelNetwork kernel, Lab lab, List<io.nslab.sim.CheckRunner.Verdict> verdicts, PrintWriter out) {
        if (lab.hostEndpoints().isEmpty()) {
            return;
        }
        List<io.nslab.sim.CheckRunner.Verdict> failed = verdicts.stream()
                .filter(v -> !v.passed() && v.check().port().isEmpty() && v.check().expect() == io.nslab.model.Expectation.REPLY && v.result() != null && v.result().received() == 0).toList();
        if (failed.isEmpty()) {
            return;
        }
        try (io.nslab.explain.KernelTruth truth = io.nslab.explain.KernelTruth.read(kernel, lab)) {
            io.nslab.sim.Explainer explainer = io.nslab.sim.Explainer.forLab(truth.model(), lab);
            for (io.nslab.sim.CheckRunner.Verdict v : failed) {
                List<HostInterference.Finding> found = HostInterference.of(kernel, lab,
                        explainer.explain(io.nslab.sim.CheckRunner.requestOf(lab, v.check())));
                if (!found.isEmpty()) {
                    out.println(v.check().label() + ": the host stops it (read, never changed):");
                    found.forEach(f -> out.print(f.text()));
                }
            }
        } catch (RuntimeException x) {
            out.println("(the host's firewall and forwarding could not be read: " + x.getMessage() + ")");
        }
    }
}
