package io.nslab.cli;

import io.nslab.explain.Explanation;
import io.nslab.explain.KernelTruth;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.sim.Explainer;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * {@code --explain} on the kernel: the explanation of what the kernel holds now (read back and loaded into the
 * simulator, rulesets included), after where that differs from the lab file, then what of the host's own state stops
 * the packets ({@link HostFindings}). Ping and probe share it; each renders its own first line.
 */
final class KernelExplanation {
    private KernelExplanation() {
    }

    static void print(KernelNetwork kernel, Lab lab, Function<Explainer, Explanation> explain, Function<Explanation, String> render,
                      PrintWriter out) {
        try (KernelTruth truth = KernelTruth.read(kernel, lab)) {
            if (!truth.drift().isEmpty()) {
                out.println("the kernel differs from the lab file (`nslab up` of the file puts it back):");
                truth.drift().forEach(d -> out.println("  " + d));
                out.println();
            }
            truth.leftOut().forEach(l -> out.println("(not modelled: " + l + ")"));
            Explanation e = explain.apply(Explainer.forLab(truth.model(), lab));
            out.print(render.apply(e));
            HostFindings.print(kernel, lab, e, out);
        }
    }
}
