package io.nslab.cli;

import io.nslab.model.Lab;

/** The one-line description of a lab: {@code lab seed: 3 nodes, 2 links, 4 addresses, 2 routes, 4 checks}. */
final class LabSummary {
    private LabSummary() {
    }

    static String of(Lab lab) {
        int bridges = lab.nodes().values().stream().mapToInt(n -> n.bridges().size()).sum();
        return "lab " + lab.name() + ": "
                + count(lab.nodes().size(), "node") + ", "
                + count(lab.links().size(), "link") + ", "
                + (bridges > 0 ? count(bridges, "bridge") + ", " : "")
                + count(lab.addressCount(), "address", "addresses") + ", "
                + count(lab.routeCount(), "route") + ", "
                + count(lab.checks().size(), "check");
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
