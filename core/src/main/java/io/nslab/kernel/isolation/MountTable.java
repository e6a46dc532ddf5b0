package io.nslab.kernel.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mounts of this process's mount namespace, from {@code /proc/self/mountinfo}: what is mounted at a path (the
 * topmost of mounts stacked there), and for a namespace file which namespace it holds. A mount point is matched by
 * its exact path, which the kernel writes with every symbolic link resolved: a path that reaches a mount only
 * through a link never matches.
 */
record MountTable(List<Entry> entries) {

    /**
     * One line: mount id, parent id, device, root (for an nsfs mount {@code KIND:[INODE]}), mount point, file system.
     */
    record Entry(long id, long parent, String device, String root, String mountPoint, String fsType) {
        /** Whether this is a bind-mounted namespace of {@code kind} ({@code lsns} name) with inode {@code inode}. */
        boolean holdsNamespace(String kind, long inode) {
            return fsType.equals("nsfs") && root.equals(kind + ":[" + inode + "]");
        }
    }

    static MountTable read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MountTable parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            String[] halves = line.split(" - ", 2);
            String[] left = halves[0].split(" ");
            if (halves.length < 2 || left.length < 5) {
                continue;
            }
            try {
                out.add(new Entry(Long.parseLong(left[0]), Long.parseLong(left[1]), left[2], MountInfo.unescape(left[3]),
                        MountInfo.unescape(left[4]), halves[1].split(" ")[0]));
            } catch (NumberFormatException e) {
                // not a mountinfo line
            }
        }
        return new MountTable(List.copyOf(out));
    }

    /** The mount seen at exactly {@code path}: of mounts stacked there, the one on top. */
    Optional<Entry> top(Path path) {
        String target = path.toString();
        List<Entry> here = entries.stream().filter(e -> e.mountPoint().equals(target)).toList();
        Set<Long> covered = new HashSet<>();
        here.forEach(e -> covered.add(e.parent()));
        return here.stream().filter(e -> !covered.contains(e.id())).findFirst();
    }

    boolean isMountPoint(Path path) {
        return top(path).isPresent();
    }

    /** Mount points strictly below {@code dir}. */
    List<Path> below(Path dir) {
        String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
        return entries.stream().filter(e -> e.mountPoint().startsWith(prefix)).map(e -> Path.of(e.mountPoint())).distinct().toList();
    }
}
