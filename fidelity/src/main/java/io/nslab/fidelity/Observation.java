package io.nslab.fidelity;

import java.util.List;

/**
 * What one world showed for a lab, as comparable text.
 *
 * @param refusals the ops the world refused, each with its words ({@code ip -n n1 route add ...: RTNETLINK answers: File exists})
 * @param snapshot the normalized state, one line per fact ({@link SnapshotText})
 * @param pings    one outcome per ping, in {@link Probes} order
 * @param traces   one outcome per traceroute, in {@link Probes} order
 */
public record Observation(List<String> refusals, List<String> snapshot, List<String> pings, List<String> traces) {

    public Observation {
        refusals = List.copyOf(refusals);
        snapshot = List.copyOf(snapshot);
        pings = List.copyOf(pings);
        traces = List.copyOf(traces);
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("# refused ops\n");
        refusals.forEach(l -> sb.append(l).append('\n'));
        sb.append("# snapshot\n");
        snapshot.forEach(l -> sb.append(l).append('\n'));
        sb.append("# pings\n");
        pings.forEach(l -> sb.append(l).append('\n'));
        sb.append("# traces\n");
        traces.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
