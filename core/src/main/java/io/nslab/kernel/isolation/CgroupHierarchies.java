package io.nslab.kernel.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup hierarchies mounted on this host, from {@code /proc/self/mountinfo}: cgroup v2
 * (unified) and any v1 hierarchies. Hosts differ: pure v2, or hybrid (v1 cpu, memory, pids and a
 * v2 with few controllers), so each limit goes where its controller is.
 */
record CgroupHierarchies(List<Hierarchy> all) {

    /**
     * One mounted hierarchy: its mount point (for a delegated subtree, its directory), whether it is v2, its
     * controllers, and whether it is a subtree delegated to a user, where nslab enables the controllers for the
     * cgroups it makes (cgroup.subtree_control) itself.
     */
    record Hierarchy(Path mount, boolean v2, List<String> controllers, boolean delegated) {
        Hierarchy(Path mount, boolean v2, List<String> controllers) {
            this(mount, v2, controllers, false);
        }
    }

    static CgroupHierarchies read() {
        if (io.nslab.rootless.RootlessLaunch.inside().isPresent()) {
            // a rootless lab's nodes: only below the cgroup v2 subtree delegated to the user (none: no node cgroups at all)
            return switch (io.nslab.rootless.DelegatedCgroup.ofThisProcess()) {
                case io.nslab.rootless.DelegatedCgroup.Delegated d -> new CgroupHierarchies(List.of(
                        new Hierarchy(d.dir(), true, List.copyOf(d.controllers()), true)));
                case io.nslab.rootless.DelegatedCgroup.None n -> new CgroupHierarchies(List.of());
            };
        }
        try {
            List<Hierarchy> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] halves = line.split(" - ", 2);
                if (halves.length < 2) {
                    continue;
                }
                String[] left = halves[0].split(" ");
                String[] right = halves[1].split(" ");
                Path mount = Path.of(MountInfo.unescape(left[4]));
                if (right[0].equals("cgroup2")) {
                    Path controllers = mount.resolve("cgroup.controllers");
                    List<String> c = Files.exists(controllers) ? List.of(Files.readString(controllers).strip().split("\\s+")) : List.of();
                    out.add(new Hierarchy(mount, true, c.stream().filter(s -> !s.isEmpty()).toList()));
                } else if (right[0].equals("cgroup")) {
                    List<String> c = new ArrayList<>();
                    for (String opt : right[2].split(",")) {
                        if (!opt.equals("rw") && !opt.equals("ro") && !opt.startsWith("relatime") && !opt.equals("nosuid")
                                && !opt.equals("nodev") && !opt.equals("noexec")) {
                            c.add(opt);
                        }
                    }
                    out.add(new Hierarchy(mount, false, c));
                }
            }
            return new CgroupHierarchies(List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hierarchy that has {@code controller}: v2 when it is enabled there, else its v1 mount. */
    Optional<Hierarchy> with(String controller) {
        return all.stream().filter(h -> h.v2() && h.controllers().contains(controller)).findFirst()
                .or(() -> all.stream().filter(h -> !h.v2() && h.controllers().contains(controller)).findFirst());
    }
}
