package io.nslab.deploy;

import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.sim.SimNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes' other namespaces in the simulator, which models networking only: it remembers which nodes have which
 * namespaces (and in which network namespace, by identity), so deploy logic — what is made again after an edit,
 * what teardown ends — is tested as on the kernel.
 */
final class RecordedIsolator implements NodeIsolator {
    private final SimNetwork network;
    /** Where a node's namespaces were made: its network namespace, and that namespace's identity then. */
    private record Made(NamespaceRef.Named netns, long inode) {
    }

    private final Map<NodeName, Made> running = new LinkedHashMap<>();

    RecordedIsolator(SimNetwork network) {
        this.network = network;
    }

    @Override
    public List<String> start(Node node, NamespaceRef.Named netns, String hostsFile) {
        running.put(node.name(), new Made(netns, network.inode(netns).orElseThrow(() -> new IllegalStateException("no namespace " + netns))));
        return List.of();
    }

    @Override
    public void stop(NodeName node) {
        running.remove(node);
    }

    /** Lost when never made, or when its network namespace is gone or was made again since. */
    @Override
    public boolean lost(Node node) {
        Made made = running.get(node.name());
        return made == null || network.inode(made.netns()).orElse(-1) != made.inode();
    }

    @Override
    public List<String> stopAll() {
        running.clear();
        return List.of();
    }

    /** The nodes whose namespaces are made, for tests. */
    List<NodeName> running() {
        return List.copyOf(running.keySet());
    }
}
