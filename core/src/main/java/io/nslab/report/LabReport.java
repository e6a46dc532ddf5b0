package io.nslab.report;

import io.nslab.graph.LabGraph;

import java.util.List;

/**
 * Everything the HTML report shows of one lab in one world.
 *
 * @param world     where the probes ran: "simulator" or "kernel"
 * @param checks    the lab's declared checks
 * @param sources   the all-pairs matrix's rows (nodes that have an address)
 * @param targets   its columns ({@code node:ifname}), with {@code addresses} their addresses
 * @param pairs     row by row, {@code sources.size() * targets.size()} of them; empty when the lab is too large for a matrix
 *                  and {@code failing} lists the failing pairs instead
 * @param notes     lines shown under the title (what was left out, where the kernel differs from the file)
 * @param missing   per node name, what a later version of the lab adds (the story's "what was missing"); empty otherwise
 */
public record LabReport(String lab, String world, LabGraph graph, List<Probed> checks, List<String> sources, List<String> targets,
                        List<String> addresses, List<Probed> pairs, List<Probed> failing, long pairCount, long answered,
                        List<NodeFacts> nodes, List<String> notes, java.util.Map<String, List<String>> missing) {
    public LabReport {
        checks = List.copyOf(checks);
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
        addresses = List.copyOf(addresses);
        pairs = List.copyOf(pairs);
        failing = List.copyOf(failing);
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
        missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
    }

    public LabReport withMissing(java.util.Map<String, List<String>> m) {
        return new LabReport(lab, world, graph, checks, sources, targets, addresses, pairs, failing, pairCount, answered, nodes, notes, m);
    }

    public long checksPassed() {
        return checks.stream().filter(Probed::passed).count();
    }
}
