package io.nslab.kernel.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What nodes of one state directory left on the machine, seen from outside nslab's own code: processes whose
 * arguments carry the state directory's instance marker, cgroups below {@code nslab/INSTANCE} in any hierarchy, and
 * mounts below the state directory. Tests assert that this is empty after teardown.
 */
public record Leftovers(List<String> processes, List<String> cgroups, List<String> mounts) {

    /** What is left of the state directory at {@code root} (nothing when it never had an instance). */
    public static Leftovers of(Path root) throws IOException {
        Optional<StateInstance> instance = StateInstance.find(root);
        List<String> processes = new ArrayList<>();
        List<String> cgroups = new ArrayList<>();
        if (instance.isPresent()) {
            String marker = NodeMarker.prefix(instance.get(), null);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
                for (Path p : ds) {
                    if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                        String stat = Files.readString(p.resolve("stat"));
                        boolean zombie = stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
                        if (cmdline.contains(marker) && !zombie) {
                            processes.add(p.getFileName() + " " + cmdline.replace('\0', ' ').strip());
                        }
                    } catch (IOException e) {
                        // gone meanwhile
                    }
                }
            }
            for (CgroupHierarchies.Hierarchy h : CgroupHierarchies.read().all()) {
                Path dir = h.mount().resolve(NodeCgroup.TOP).resolve(instance.get().id());
                if (Files.exists(dir)) {
                    cgroups.add(dir.toString());
                }
            }
        }
        Path real = Files.exists(root) ? root.toRealPath() : root;
        List<String> mounts = MountTable.read().below(real).stream().map(Path::toString).toList();
        return new Leftovers(List.copyOf(processes), List.copyOf(cgroups), mounts);
    }

    public boolean isEmpty() {
        return processes.isEmpty() && cgroups.isEmpty() && mounts.isEmpty();
    }

    /** The marker prefix of every node process of the state directory at {@code root}. */
    public static String markerPrefix(Path root) {
        return NodeMarker.prefix(StateInstance.find(root).orElseThrow(), null);
    }
}
