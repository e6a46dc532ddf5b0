package io.nslab.sandbox;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's file system as fstab lines, relative to its new root, for one {@code mount --all
 * --target-prefix ROOT} that makes them all in order (one process instead of one per mount):
 * <ol>
 *   <li>every host mount that others could reach, each bound alone and read-only, like {@code /} before (what the
 *       host has mounted below {@code /tmp}, {@code /run} and the other fresh directories is left out, so
 *       the sandbox holds none of the host's namespace files);</li>
 *   <li>the fresh tmpfs mounts, owned by the sandbox's root where it must write ({@code /run});</li>
 *   <li>the host's {@code /proc} and {@code /sys} in a directory only the host's root may enter: the kernel
 *       lets a user namespace mount a {@code /proc} and a {@code /sys} of its own only while it holds a
 *       writable one; and {@code /proc} once more, for {@code umount} around the pivot;</li>
 *   <li>the covers and the directories revealed below them (files need a second pass:
 *       {@link #files()}).</li>
 * </ol>
 *
 * <p>An unprivileged caller's sandbox ({@code inherited}) starts in a user namespace of its own, where the host's
 * mounts are locked together: none can be bound alone (the kernel refuses a bind that would reveal what a locked
 * child mount covers), so the first stage binds {@code /} with all its mounts ({@code --rbind}), and the mounts
 * of step 1 are made read-only where they are instead ({@link #remounts()}: options and target, each ended by a
 * NUL), keeping the flags the kernel locked (nosuid, nodev, noexec and the atime mode).
 */
record SandboxFstab(String directories, String files, String remounts) {
    /** Where the host's /proc and /sys wait, unreachable: inside, the directory belongs to an unmapped uid. */
    static final String PRIVATE = "/run/.nslab-sandbox";

    /** One mount of the host, from /proc/self/mountinfo: where, and its per-mount options. */
    record HostMount(Path target, Set<String> options) {
    }

    static SandboxFstab of(List<HostMount> host, SandboxLayout layout, int uid) {
        return of(host, layout, uid, false);
    }

    static SandboxFstab of(List<HostMount> host, SandboxLayout layout, int uid, boolean inherited) {
        String bind = inherited ? "rbind" : "bind";
        List<Path> hidden = new ArrayList<>(SandboxLayout.FRESH);
        hidden.addAll(layout.covers());
        hidden.add(Path.of("/proc"));
        hidden.add(Path.of("/sys"));
        StringBuilder dirs = new StringBuilder();
        StringBuilder remounts = new StringBuilder();
        Set<Path> seen = new LinkedHashSet<>(List.of(Path.of("/")));
        for (HostMount m : host) {
            if (hidden.stream().anyMatch(m.target()::startsWith) || !seen.add(m.target())) {
                continue;
            }
            StringBuilder opts = new StringBuilder(inherited ? "remount,bind,ro" : "bind,ro");
            for (String keep : List.of("nosuid", "nodev", "noexec")) {
                if (m.options().contains(keep)) {
                    opts.append(',').append(keep);
                }
            }
            if (inherited) {
                opts.append(',').append(atime(m.options()));
                remounts.append(opts).append('\0').append(m.target()).append('\0');
            } else {
                dirs.append(line(m.target().toString(), m.target().toString(), "none", opts.toString()));
            }
        }
        for (Path f : SandboxLayout.FRESH) {
            if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                boolean run = f.equals(Path.of("/run"));
                dirs.append(line("nslab-sandbox", f.toString(), "tmpfs",
                        run ? "mode=0755,uid=" + uid + ",gid=" + uid + ",nosuid,nodev" : "mode=1777,nosuid,nodev"));
                if (run) {
                    for (String d : List.of("/run/netns", "/run/nslab")) {
                        dirs.append(line("nslab-sandbox", d, "tmpfs", "mode=0755,uid=" + uid + ",gid=" + uid
                                + ",nosuid,nodev,X-mount.mkdir"));
                    }
                    dirs.append(line("/proc", PRIVATE + "/proc", "none", bind + ",X-mount.mkdir=0700"));
                    dirs.append(line("/sys", PRIVATE + "/sys", "none", bind + ",X-mount.mkdir=0700"));
                }
            }
        }
        if (!inherited) {
            dirs.append(line("/proc", "/proc", "none", "bind"));
        }
        for (Path c : layout.covers()) {
            dirs.append(line("nslab-sandbox", c.toString(), "tmpfs", "mode=0755,nosuid,nodev"));
        }
        StringBuilder files = new StringBuilder();
        for (Path r : layout.reveals()) {
            if (Files.isDirectory(r)) {
                dirs.append(line(r.toString(), r.toString(), "none", "bind,ro,X-mount.mkdir"));
            } else {
                files.append(line(r.toString(), r.toString(), "none", "bind,ro"));
            }
        }
        return new SandboxFstab(dirs.toString(), files.toString(), remounts.toString());
    }

    /** The binds of {@link Sandbox#bind}: each host directory at its place inside, after /run's own mounts. */
    static String binds(java.util.Map<Path, Path> bound) {
        StringBuilder sb = new StringBuilder();
        bound.forEach((host, inside) -> sb.append(line(host.toString(), inside.toString(), "none", "bind,nosuid,nodev,X-mount.mkdir")));
        return sb.toString();
    }

    /** fstab lines with {@code root} put before each target, as mount's --target-prefix would. */
    static String prefixed(String lines, Path root) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split(" ", 3);
            sb.append(f[0]).append(' ').append(escape(root.toString())).append(f[1]).append(' ').append(f[2]).append('\n');
        }
        return sb.toString();
    }

    /** The atime mode of a mount, which a remount in a user namespace must keep: the kernel locks it. */
    private static String atime(Set<String> options) {
        for (String a : List.of("noatime", "relatime")) {
            if (options.contains(a)) {
                return options.contains("nodiratime") ? a + ",nodiratime" : a;
            }
        }
        return options.contains("nodiratime") ? "strictatime,nodiratime" : "strictatime";
    }

    /** The mounts listed in /proc/self/mountinfo text, in its order. */
    static List<HostMount> parse(String mountinfo) {
        List<HostMount> out = new ArrayList<>();
        for (String l : mountinfo.split("\n")) {
            String[] f = l.split(" ");
            if (f.length > 5) {
                out.add(new HostMount(Path.of(unescape(f[4])), Set.of(f[5].split(","))));
            }
        }
        return out;
    }

    private static String line(String source, String target, String type, String options) {
        return escape(source) + " " + escape(target) + " " + type + " " + options + " 0 0\n";
    }

    /** fstab and mountinfo write a space, tab, newline or backslash in a path as an octal escape. */
    static String escape(String path) {
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case ' ', '\t', '\n', '\\' -> sb.append(String.format("\\%03o", (int) c));
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
