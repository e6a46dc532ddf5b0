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
        List<String> leftOut = new ArrayList<>(loaded.leftOut());
        List<String> drift;
        try (SimNetwork file = SimNetwork.of(lab)) {
            drift = new ArrayList<>(Drift.between(lab, file.snapshot(), loaded.network().snapshot()));
        }
        // the rulesets the kernel holds, so that an explanation names the rule that really stopped the packet
        for (NamespaceRef ns : names) {
            if (ns.isHost()) {
                continue; // the host's own tables are read by HostInterference, never loaded as the lab's
            }
            io.nslab.kernel.FirewallReader.Read read = kernel.firewall(ns);
            read.unreadable().forEach(u -> leftOut.add("namespace " + ns + ": " + u));
            try {
                loaded.network().setFirewall(ns, read.ruleset());
            } catch (IllegalArgumentException e) {
                leftOut.add("namespace " + ns + ": its ruleset: " + e.getMessage());
            }
            io.nslab.firewall.Ruleset wanted = lab.nodeOf(ns).flatMap(lab::node).map(io.nslab.model.Node::firewall)
                    .orElse(io.nslab.firewall.Ruleset.EMPTY);
            if (!wanted.text().equals(read.ruleset().text())) {
                drift.add("node " + lab.nodeOf(ns).map(Object::toString).orElse(ns.toString())
                        + ": the kernel's ruleset differs from the file's (nslab status shows it; up puts the file's back)");
            }
        }
        return new KernelTruth(loaded.network(), drift, leftOut);
    }

    @Override
    public void close() {
        model.close();
    }
}
