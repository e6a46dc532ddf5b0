package io.nslab.fidelity;

import io.nslab.model.Lab;
import io.nslab.op.LabPlanner;
import io.nslab.sim.SimNetwork;

import java.util.List;

/** The simulator's side of a comparison. */
final class SimWorld {
    private SimWorld() {
    }

    static Observation observe(Lab lab, Probes probes) {
        try (SimNetwork sim = new SimNetwork()) {
            List<String> refusals = OpRecorder.applyAll(sim, LabPlanner.plan(lab));
            List<String> snapshot = SnapshotText.of(sim.snapshot(), netns(lab));
            List<String> pings = probes.pings().stream().map(p -> Outcomes.of(sim.ping(p))).toList();
            List<String> traces = probes.traces().stream().map(t -> Outcomes.of(sim.trace(t))).toList();
            List<String> ports = probes.ports().stream().map(p -> PortProbes.outcome(sim.probe(p))).toList();
            return new Observation(refusals, snapshot, pings, traces, ports);
        }
    }

    static List<io.nslab.model.NamespaceRef.Named> netns(Lab lab) {
        return lab.nodes().keySet().stream().map(lab::namespaceOf).toList();
    }
}
