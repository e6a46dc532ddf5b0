package io.nslab.explain;

import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.sim.SimNetwork;
import io.nslab.sim.SnapshotLoader;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * A running lab as the kernel has it: its namespaces read back and loaded into the simulator, which then explains
 * what the kernel does (not what the lab file says), and where the kernel differs from the file.
 *
 * @param model    the simulator holding the kernel's state
 * @param drift    where the kernel differs from the lab file, in words ({@link Drift})
 * @param leftOut  what of the kernel's state the simulator could not hold
 */
public record KernelTruth(SimNetwork model, List<String> drift, List<String> leftOut) implements AutoCloseable {

    public static KernelTruth read(KernelNetwork kernel, Lab lab) {
        List<NamespaceRef> names = new ArrayList<>();
        lab.nodes().keySet().stream().map(lab::namespaceOf).filter(kernel::exists).forEach(names::add);
        if (!lab.hostEndpoints().isEmpty()) {
            names.add(NamespaceRef.HOST);
        }
        Snapshot actual = kernel.detailedSnapshot(names);
        SnapshotLoader.Loaded loaded = SnapshotLoader.load(actual);
        List<String> drift;
        try (SimNetwork file = SimNetwork.of(lab)) {
            drift = Drift.between(lab, file.snapshot(), loaded.network().snapshot());
        }
        return new KernelTruth(loaded.network(), drift, loaded.leftOut());
    }

    @Override
    public void close() {
        model.close();
    }
}
