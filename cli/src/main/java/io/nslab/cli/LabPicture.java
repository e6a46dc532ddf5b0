package io.nslab.cli;

import io.nslab.graph.LabGraph;
import io.nslab.graph.LabGraphs;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;

/**
 * The picture of a lab in either world: from the lab (the simulator builds it, no privilege needed), or from the
 * kernel, read back the way {@code ping --explain} reads it ({@link io.nslab.explain.KernelTruth}), so that a link
 * set down or an address removed by hand shows as it is.
 */
final class LabPicture {
    private LabPicture() {
    }

    static LabGraph simulated(Lab lab) {
        return LabGraphs.of(lab);
    }

    static LabGraph fromKernel(KernelNetwork kernel, Lab lab) {
        try (io.nslab.explain.KernelTruth truth = io.nslab.explain.KernelTruth.read(kernel, lab)) {
            return LabGraphs.of(lab, truth.model().snapshot());
        }
    }
}
