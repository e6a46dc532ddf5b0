package io.nslab.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a sandbox must add to its read-only view of the host so that paths its command needs stay
 * readable. Root inside a sandbox is an unprivileged user to the host, so it cannot enter a directory
 * that others may not search ({@code /root} is 0700 on Debian); and {@code /tmp}, {@code /var/tmp},
 * {@code /run} and {@code /dev/shm} are fresh there. Such a directory on the way to a needed path is
 * <em>covered</em> (an empty tmpfs replaces it) and the path is <em>revealed</em>: bound at its own
 * path, read-only. Nothing else of the covered directory becomes visible.
 *
 * @param covers  directories replaced by an empty tmpfs, parents before children, none below another
 * @param reveals paths bound read-only at their own path, none below another
 */
public record SandboxLayout(List<Path> covers, List<Path> reveals) {
    /** The directories that a sandbox gets as private tmpfs mounts. */
    public static final List<Path> FRESH = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/run"), Path.of("/dev/shm"));

    public SandboxLayout {
        covers = List.copyOf(covers);
        reveals = List.copyOf(reveals);
    }

    /**
     * The layout that keeps {@code needed} (absolute, normalized paths with no symbolic link in them)
     * readable, given which directories others may search.
     */
    public static SandboxLayout of(Collection<Path> needed, Predicate<Path> searchableByOthers) {
        TreeSet<Path> covers = new TreeSet<>();
        TreeSet<Path> reveals = new TreeSet<>();
        for (Path p : needed) {
            if (!p.isAbsolute() || p.getNameCount() == 0 || FRESH.contains(p)) {
                continue; // / is always there; a fresh directory is the sandbox's own
            }
            Path a = p.getRoot();
            for (int i = 0; i < p.getNameCount() - 1; i++) {
                a = a.resolve(p.getName(i));
                if (FRESH.contains(a)) {
                    reveals.add(p);
                    break;
                }
                if (!searchableByOthers.test(a)) {
                    covers.add(a);
                    reveals.add(p);
                    break;
                }
            }
        }
        return new SandboxLayout(outermost(covers), outermost(reveals));
    }

    /** The paths that are below none of the others, in order. */
    private static List<Path> outermost(TreeSet<Path> sorted) {
        List<Path> out = new ArrayList<>();
        for (Path p : sorted) {
            if (out.stream().noneMatch(p::startsWith)) {
                out.add(p);
            }
        }
        return out;
    }
}
