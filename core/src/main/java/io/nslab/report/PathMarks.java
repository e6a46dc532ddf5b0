package io.nslab.report;

import io.nslab.explain.Explanation;
import io.nslab.explain.Hop;
import io.nslab.explain.Leg;
import io.nslab.graph.GraphLink;
import io.nslab.graph.LabGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What of the picture a probe's path touches: the nodes it passed, the links it crossed (both ways), and the node
 * where it stopped when it did not come back. Indexes are those of {@link LabGraph#nodes()} and {@link LabGraph#links()}.
 *
 * @param stop the node where the packet's journey ended without an answer, or -1
 */
public record PathMarks(List<Integer> nodes, List<Integer> links, int stop) {
    public static final PathMarks NONE = new PathMarks(List.of(), List.of(), -1);

    public PathMarks {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public static PathMarks of(Explanation e, LabGraph g) {
        TreeSet<Integer> nodes = new TreeSet<>();
        TreeSet<Integer> links = new TreeSet<>();
        for (Leg leg : e.legs()) {
            for (Hop h : leg.hops()) {
                index(g, h.node()).ifPresent(nodes::add);
                for (var dev : List.of(h.in(), h.out())) {
                    dev.ifPresent(d -> {
                        int link = g.linkAt(h.node(), d.value());
                        if (link >= 0) {
                            links.add(link);
                            // a link crossed marks both its nodes: a switch the packet was bridged through has no hop of its own
                            GraphLink l = g.links().get(link);
                            index(g, l.a().node()).ifPresent(nodes::add);
                            index(g, l.b().node()).ifPresent(nodes::add);
                        }
                    });
                }
            }
        }
        int stop = -1;
        if (!e.answered() && !e.legs().isEmpty()) {
            Leg last = e.legs().getLast();
            stop = index(g, last.disposition().node()).orElse(-1);
        }
        return new PathMarks(new ArrayList<>(nodes), new ArrayList<>(links), stop);
    }

    private static java.util.Optional<Integer> index(LabGraph g, String node) {
        for (int i = 0; i < g.nodes().size(); i++) {
            if (g.nodes().get(i).name().equals(node)) {
                return java.util.Optional.of(i);
            }
        }
        return java.util.Optional.empty();
    }
}
