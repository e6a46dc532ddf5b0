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

    /** One mounted hierarchy: its mount point, whether it is v2, and its controllers. */
    record Hierarchy(Path mount, boolean v2, List<String> controllers) {
    }

    static CgroupHierarchies read() {
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
