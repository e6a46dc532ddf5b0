package io.nslab.kernel.isolation;

import io.nslab.NslabException;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node isolation of a whole lab, and of every lab of a state directory: what {@code down} and {@code cleanup}
 * end. Nodes are found three ways, so that an {@code up} killed at any moment leaves nothing they miss: the node
 * directories under {@code nodes/}, the cgroups under {@code nslab/INSTANCE/LAB/}, and the processes that carry the
 * lab's marker.
 */
public final class LabIsolation {
    private LabIsolation() {
    }

    /**
     * Ends every node of {@code lab} whose record is at {@code labDir}: its processes, namespace files, cgroups and
     * directory, then the lab's {@code nodes/}. Returns what stays, in words.
     */
    public static List<String> stopAll(Path labDir, String lab) {
        List<String> left = new ArrayList<>();
        Optional<StateInstance> instance;
        try {
            instance = StateInstance.find(labDir.getParent());
        } catch (NslabException e) {
            left.add(e.getMessage());
            instance = Optional.empty();
        }
        List<NodeProcesses.Marked> scanned = instance.map(i -> NodeProcesses.scan(NodeMarker.prefix(i, lab))).orElse(List.of());
        Set<String> nodes = new LinkedHashSet<>();
        Path nodesDir = labDir.resolve("nodes");
        if (NodeDirectory.kind(labDir).filter(java.nio.file.attribute.BasicFileAttributes::isDirectory).isPresent()) {
            String problem = NodeDirectory.problem(nodesDir);
            if (problem != null) {
                left.add(problem);
            } else {
                new NodeDirectory(nodesDir).subdirectories().stream().filter(n -> NodeName.problem(n) == null).forEach(nodes::add);
            }
        }
        instance.ifPresent(i -> {
            nodes.addAll(NodeCgroup.nodes(CgroupHierarchies.read(), i, lab));
            scanned.forEach(m -> {
                String[] labAndNode = NodeMarker.labAndNode(i, m.marker());
                if (labAndNode != null && labAndNode[0].equals(lab)) {
                    nodes.add(labAndNode[1]);
                }
            });
        });
        for (String node : nodes) {
            left.addAll(new NodeIsolation(labDir, lab, node).stop(scanned));
        }
        instance.ifPresent(i -> {
            // processes started while we went (a detached start of a killed up) carry the marker too
            for (int round = 0; round < 3; round++) {
                List<NodeProcesses.Marked> more = NodeProcesses.scan(NodeMarker.prefix(i, lab));
                if (more.isEmpty()) {
                    break;
                }
                NodeProcesses.kill(more);
            }
            NodeCgroup.removeLab(CgroupHierarchies.read(), i, lab).forEach(c -> left.add("cgroup " + c + " still has processes: left"));
        });
        left.addAll(NodeIsolation.releaseDirectory(labDir));
        return left.stream().distinct().toList();
    }

    /**
     * The labs of the state directory at {@code root} that left node cgroups, marked processes or a {@code nodes/}
     * directory: with a record or without one (an {@code up} killed before it wrote one, a record removed). Throws
     * (exit 3) when the state directory's instance file is not nslab's.
     */
    public static List<String> withLeftovers(Path root) {
        Set<String> labs = new LinkedHashSet<>();
        StateInstance.find(root).ifPresent(i -> {
            labs.addAll(NodeCgroup.labs(CgroupHierarchies.read(), i));
            for (NodeProcesses.Marked m : NodeProcesses.scan(NodeMarker.prefix(i, null))) {
                String[] labAndNode = NodeMarker.labAndNode(i, m.marker());
                if (labAndNode != null) {
                    labs.add(labAndNode[0]);
                }
            }
        });
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (NodeName.problem(name) == null && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            && NodeDirectory.kind(p.resolve("nodes")).isPresent()) {
                        labs.add(name);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return List.copyOf(labs);
    }
}
