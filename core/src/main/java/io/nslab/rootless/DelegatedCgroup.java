package io.nslab.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cgroup v2 subtree delegated to the user, where a rootless lab's nodes get their cgroups and limits: systemd
 * delegates {@code user@UID.service} (its directory, {@code cgroup.procs} and {@code cgroup.subtree_control} owned by
 * the user) to each user's manager, and the apps of a desktop session run below it. Found from this process's own
 * cgroup ({@code /proc/self/cgroup}'s {@code 0::} line) upward: the highest ancestor, itself and everything between
 * it and the process, that is the user's, with both files writable. The same answer inside a holder, which has no
 * cgroup namespace of its own (the user is uid 0 there, and owns the same files).
 */
public sealed interface DelegatedCgroup {
    /** The cgroup v2 hierarchy, as mounted on systemd's hosts. */
    Path ROOT = Path.of("/sys/fs/cgroup");

    /** A delegated subtree: its directory, and the controllers its children may have. */
    record Delegated(Path dir, Set<String> controllers) implements DelegatedCgroup {
        public Delegated {
            controllers = Set.copyOf(controllers);
        }
    }

    /** No delegated subtree, and why, in words a user can act on. */
    record None(String why) implements DelegatedCgroup {
    }

    /** This process's delegated subtree, if any. */
    static DelegatedCgroup ofThisProcess() {
        String self;
        try {
            self = Files.readString(Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            return new None("cannot read /proc/self/cgroup: " + e.getMessage());
        }
        return find(ROOT, self, RootlessHome.currentUid());
    }

    /**
     * The subtree delegated to {@code uid} above the cgroup that {@code procSelfCgroup} (that file's text) names, in
     * the cgroup v2 hierarchy mounted at {@code root}.
     */
    static DelegatedCgroup find(Path root, String procSelfCgroup, int uid) {
        if (!Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return new None(root + " is not a cgroup v2 hierarchy (this host has cgroup v1, whose cgroups only root may make; "
                    + "systemd delegates cgroups to users only on cgroup v2, the unified hierarchy)");
        }
        Optional<String> path = procSelfCgroup.lines().filter(l -> l.startsWith("0::")).map(l -> l.substring(3)).findFirst();
        if (path.isEmpty() || !path.get().startsWith("/")) {
            return new None("this process is in no cgroup v2 (/proc/self/cgroup has no 0:: line)");
        }
        Path own = root;
        for (String part : path.get().split("/")) {
            if (!part.isEmpty() && !part.equals("..") && !part.equals(".")) {
                own = own.resolve(part);
            }
        }
        Path top = null;
        for (Path d = own; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (!usersOwn(d, uid)) {
                break;
            }
            top = d;
        }
        if (top == null) {
            return new None("your cgroup " + path.get() + " is not delegated to you (no cgroup.subtree_control of your own "
                    + "above it); systemd delegates one to each user's manager: run nslab from a desktop session's terminal, "
                    + "or under `systemd-run --user --scope`");
        }
        Set<String> controllers = new TreeSet<>();
        try {
            for (String c : Files.readString(top.resolve("cgroup.controllers")).strip().split("\\s+")) {
                if (!c.isEmpty()) {
                    controllers.add(c);
                }
            }
        } catch (IOException e) {
            return new None("cannot read " + top.resolve("cgroup.controllers") + ": " + e.getMessage());
        }
        return new Delegated(top, controllers);
    }

    /** Whether {@code dir} and its cgroup.procs and cgroup.subtree_control belong to {@code uid}, and it may write them. */
    private static boolean usersOwn(Path dir, int uid) {
        for (Path p : List.of(dir, dir.resolve("cgroup.procs"), dir.resolve("cgroup.subtree_control"))) {
            try {
                if (((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)) != uid || !Files.isWritable(p)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a rootless lab's node cannot have the cgroup namespace and the limits it asks for (the controllers named by
     * {@code needed}: memory, cpu, pids), or empty when this delegated subtree gives them.
     */
    default Optional<String> refusal(Set<String> needed) {
        return switch (this) {
            case None n -> Optional.of(n.why());
            case Delegated d -> {
                Set<String> missing = new TreeSet<>(needed);
                missing.removeAll(d.controllers());
                yield missing.isEmpty() ? Optional.empty() : Optional.of("your delegated cgroup " + d.dir() + " has no "
                        + String.join(", ", missing) + " controller" + (missing.size() == 1 ? "" : "s")
                        + " (its cgroup.controllers: " + String.join(" ", new TreeSet<>(d.controllers())) + ")");
            }
        };
    }
}
