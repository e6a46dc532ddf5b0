package io.nslab.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The uids and gids a rootless lab's user namespace maps besides the user's own. Where {@code /etc/subuid} and
 * {@code /etc/subgid} grant the user a subordinate range (subuid(5)) and the setuid helpers {@code newuidmap} and
 * {@code newgidmap} (package uidmap) are installed, the holder's user namespace maps 0 to the user and 1..count to
 * the range, so that root in a node with a user namespace of its own is a uid of that range, not the user; without,
 * the namespace has the user's uid alone, and such nodes share it.
 */
public sealed interface SubordinateIds {
    /** The most ids a node's user namespace is given, as a root's lab gives (root inside is 100000 there). */
    int NODE_IDS = 65_536;

    /** A range of ids outside: {@code start .. start+count-1}. */
    record Range(long start, long count) {
        public Range {
            if (start < 0 || count < 1) {
                throw new IllegalArgumentException("range " + start + ":" + count);
            }
        }

        long last() {
            return start + count - 1;
        }
    }

    /** The user's ranges, both granted and both mappable. */
    record Granted(Range uids, Range gids) implements SubordinateIds {
        /** How many ids above 0 the holder maps: the smaller range's count. */
        public long count() {
            return Math.min(uids.count(), gids.count());
        }

        /** The unshare options that map them, after {@code --map-root-user}. */
        public List<String> unshareOptions() {
            return List.of("--map-users=" + uids.start() + ",1," + count(), "--map-groups=" + gids.start() + ",1," + count());
        }
    }

    /** One id only (the user's), and why. */
    record Single(String why) implements SubordinateIds {
    }

    /** This user's ids, from the host's files and helpers. */
    static SubordinateIds ofCurrentUser() {
        String helpers = missingHelpers(List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin")));
        return of(System.getProperty("user.name", ""), RootlessHome.currentUid(), read(Path.of("/etc/subuid")),
                read(Path.of("/etc/subgid")), helpers);
    }

    /**
     * The ranges that {@code subuid} and {@code subgid} (the files' text, null when missing) grant {@code user} (by name
     * or uid: the first line that names it), with {@code missingHelpers} null when newuidmap and newgidmap are there.
     */
    static SubordinateIds of(String user, int uid, String subuid, String subgid, String missingHelpers) {
        Optional<Range> u = range(subuid, user, uid);
        Optional<Range> g = range(subgid, user, uid);
        if (u.isEmpty() || g.isEmpty()) {
            return new Single("/etc/" + (u.isEmpty() ? "subuid" : "subgid") + " grants " + (user.isEmpty() ? "uid " + uid : user)
                    + " no subordinate range");
        }
        if (missingHelpers != null) {
            return new Single("/etc/subuid grants a range, but " + missingHelpers + " (package uidmap) is not installed");
        }
        return new Granted(u.get(), g.get());
    }

    private static Optional<Range> range(String text, String user, int uid) {
        if (text == null) {
            return Optional.empty();
        }
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(":");
            if (f.length == 3 && (f[0].equals(user) || f[0].equals(Integer.toString(uid)))
                    && f[1].matches("[0-9]{1,10}") && f[2].matches("[0-9]{1,10}") && Long.parseLong(f[2]) > 0) {
                return Optional.of(new Range(Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return Optional.empty();
    }

    /** "newuidmap", "newgidmap", both, or null, as found executable in {@code dirs}. */
    static String missingHelpers(List<Path> dirs) {
        List<String> missing = java.util.stream.Stream.of("newuidmap", "newgidmap")
                .filter(h -> dirs.stream().noneMatch(d -> Files.isExecutable(d.resolve(h)))).toList();
        return missing.isEmpty() ? null : String.join(" and ", missing);
    }

    /**
     * How many ids above 0 this process's user namespace maps (read from {@code /proc/self/uid_map}: inside a
     * holder, the subordinate range; 0 when it maps the user's uid alone).
     */
    static long mappedAboveRoot(String uidMap) {
        long n = 0;
        for (String line : uidMap.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].matches("[0-9]+") && f[2].matches("[0-9]+")) {
                long inside = Long.parseLong(f[0]);
                long count = Long.parseLong(f[2]);
                n += inside == 0 ? count - 1 : count;
            }
        }
        return n;
    }

    /** {@link #mappedAboveRoot(String)} of this process. */
    static long mappedAboveRoot() {
        String map = read(Path.of("/proc/self/uid_map"));
        return map == null ? 0 : mappedAboveRoot(map);
    }

    /**
     * What a rootless lab's uids are, for {@code status}: from this (the holder's) user namespace's maps, each line
     * {@code inside outside count}.
     */
    static String describe(String uidMap) {
        StringBuilder out = new StringBuilder();
        for (String line : uidMap.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 3) {
                continue;
            }
            long inside = Long.parseLong(f[0]);
            long outside = Long.parseLong(f[1]);
            long count = Long.parseLong(f[2]);
            out.append(out.isEmpty() ? "" : ", ");
            out.append(count == 1 ? "uid " + inside + " is " + outside : "uids " + inside + "-" + (inside + count - 1) + " are "
                    + outside + "-" + (outside + count - 1));
        }
        return out.toString();
    }

    /** {@code status}'s line about the lab's uids, when this command runs inside a holder; empty otherwise. */
    static Optional<String> statusLine() {
        if (RootlessLaunch.inside().isEmpty()) {
            return Optional.empty();
        }
        String map = read(Path.of("/proc/self/uid_map"));
        if (map == null) {
            return Optional.empty();
        }
        return Optional.of("rootless: " + describe(map) + " outside"
                + (mappedAboveRoot(map) > 0 ? " (the subordinate range of /etc/subuid: root in a node's own user namespace is uid 1 here)"
                : " (one uid, yours: nodes with a user namespace of their own map it too; /etc/subuid grants you no range, "
                + "or newuidmap is missing)"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
