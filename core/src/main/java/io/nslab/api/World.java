package io.nslab.api;

/** Where a lab is built. */
public enum World {
    /** Real namespaces, veth pairs and routes in this machine's kernel, built through rtnetlink. Needs root. */
    KERNEL,
    /**
     * The simulator: the same lab as a model in memory, for routing and reachability questions without any
     * privilege. Nodes run no processes and no Java code there ({@link LabNode#exec}, {@link LabNode#run} refuse).
     */
    SIM
}
