package io.nslab.deploy;

import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.util.List;

/** Makes, checks and ends the other namespaces of a lab's nodes (UTS, PID, mount, IPC, user, cgroup, time). */
public interface NodeIsolator {

    /** Makes the node's namespaces inside its network namespace {@code netns}; returns the limits in force, in words. */
    List<String> start(Node node, io.nslab.model.NamespaceRef.Named netns, String hostsFile);

    /** Ends the node's processes and removes its namespaces; a node without any is left as it is. */
    void stop(NodeName node);

    /** Whether an isolated node lost any of its namespaces (a holder killed, a file unmounted). */
    boolean lost(Node node);

    /**
     * Ends every node of the lab that has namespaces of its own (also nodes no longer in the lab file, and what an
     * interrupted up left of a node without a record); returns what stays, in words.
     */
    List<String> stopAll();
}
