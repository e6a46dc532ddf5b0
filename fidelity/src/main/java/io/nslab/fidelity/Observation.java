package io.nslab.fidelity;

import java.util.List;

/**
 * What one world showed for a lab, as comparable text.
 *
 * @param refusals the ops the world refused, each with its words ({@code ip -n n1 route add ...: RTNETLINK answers: File exists})
 * @param snapshot the normalized state, one line per fact ({@link SnapshotText})
 * @param pings    one outcome per ping, in {@link Probes} order
 * @param traces   one outcome per traceroute, in {@link Probes} order
 * @param ports    one outcome per TCP or UDP probe, in {@link Probes} order
 */
public record Observation(List<String> refusals, List<String> snapshot, List<String> pings, List<String> traces, List<String> ports) {

    /** Without port probes. */
    public Observation(List<String> refusals, List<String> snapshot, List<String> pings, List<String> traces) {
        this(refusals, snapshot, pings, traces, List.of());
    }

    public Observation {
        refusals = List.copyOf(refusals);
        snapshot = List.copyOf(snapshot);
        pings = List.copyOf(pings);
        traces = List.copyOf(traces);
        ports = List.copyOf(ports);
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
        if (!ports.isEmpty()) {
            sb.append("# ports\n");
            ports.forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }
}
