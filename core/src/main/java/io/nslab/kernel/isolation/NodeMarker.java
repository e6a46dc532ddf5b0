package io.nslab.kernel.isolation;

/**
 * What every process nslab starts for a node carries, in its arguments and in its environment
 * ({@code NSLAB_NODE=nslab-node:INSTANCE:LAB:NODE}): the state directory's instance, the lab and the node. A process
 * is taken for one of nslab's only when both say so (and, for a recorded holder, its start time matches): so
 * {@code cleanup} finds the holders an interrupted {@code up} left without any record, and only those of its own
 * state directory.
 */
record NodeMarker(StateInstance instance, String lab, String node) {
    static final String ENV = "NSLAB_NODE";
    static final String PREFIX = "nslab-node:";

    /** The argument (and value of {@link #ENV}) that marks this node's processes. */
    String argument() {
        return PREFIX + instance.id() + ":" + lab + ":" + node;
    }

    /** The start of the marker of every node of {@code lab} (or of every lab, when null) of an instance. */
    static String prefix(StateInstance instance, String lab) {
        return PREFIX + instance.id() + ":" + (lab == null ? "" : lab + ":");
    }

    /** The lab and node a marker names, or null when it is not one of this instance's. */
    static String[] labAndNode(StateInstance instance, String marker) {
        String p = prefix(instance, null);
        if (!marker.startsWith(p)) {
            return null;
        }
        String[] parts = marker.substring(p.length()).split(":", -1);
        return parts.length == 2 && io.nslab.model.NodeName.problem(parts[0]) == null && io.nslab.model.NodeName.problem(parts[1]) == null
                ? parts : null;
    }
}
