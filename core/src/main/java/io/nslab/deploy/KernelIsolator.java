package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.isolation.LabIsolation;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.nio.file.Path;
import java.util.List;

/** Nodes' other namespaces on the kernel: {@link NodeIsolation} under the lab's record directory. */
final class KernelIsolator implements NodeIsolator {
    private final Path recordDir;
    private final String lab;
    private final Path netnsDir;

    KernelIsolator(Path recordDir, String lab, Path netnsDir) {
        this.recordDir = recordDir;
        this.lab = lab;
        this.netnsDir = netnsDir;
    }

    private NodeIsolation of(NodeName node) {
        return new NodeIsolation(recordDir, lab, node.value());
    }

    @Override
    public List<String> start(Node node, NamespaceRef.Named netns, String hostsFile) {
        NodeIsolation iso = of(node.name());
        stop(node.name());
        return iso.start(netnsDir.resolve(netns.name()), node.isolation(), hostsFile);
    }

    /** Ends the node; throws (exit 3) when anything of it stays, so that a rollback never claims it gone. */
    @Override
    public void stop(NodeName node) {
        List<String> left = of(node).stop();
        if (!left.isEmpty()) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\": " + String.join("; ", left));
        }
    }

    @Override
    public boolean lost(Node node) {
        return !of(node.name()).holds(node.isolation().kinds());
    }

    @Override
    public List<String> stopAll() {
        return LabIsolation.stopAll(recordDir, lab);
    }
}
