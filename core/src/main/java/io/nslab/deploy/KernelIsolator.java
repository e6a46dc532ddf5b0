package io.nslab.deploy;

import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.NamespaceRef;
import io.nslab.model.Node;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
        iso.stop();
        return iso.start(netnsDir.resolve(netns.name()), node.isolation(), hostsFile);
    }

    @Override
    public void stop(NodeName node) {
        of(node).stop();
    }

    @Override
    public boolean lost(Node node) {
        NodeIsolation iso = of(node.name());
        return node.isolation().kinds().stream().anyMatch(k -> iso.file(k).isEmpty());
    }

    @Override
    public void stopAll() {
        Path nodes = recordDir.resolve("nodes");
        if (Files.isDirectory(nodes, LinkOption.NOFOLLOW_LINKS)) {
            try (var dirs = Files.list(nodes)) {
                for (Path d : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    String name = d.getFileName().toString();
                    if (io.nslab.model.NodeName.problem(name) == null) {
                        of(NodeName.of(name)).stop();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        NodeIsolation.releaseDirectory(recordDir);
    }
}
