package io.nslab.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What bad input must never change on the host, read (never written): the root namespace's links,
 * IPv4 and IPv6 routes and IPv6 addresses, the named namespaces and nslab's records, and any
 * directories a test adds. Two readings are compared line by line.
 */
public record HostWorld(List<String> lines) {
    private static final Path SYS_NET = Path.of("/sys/class/net");

    /** Reads the host now, with the listings of {@code extraDirectories}. */
    public static HostWorld read(Path... extraDirectories) {
        List<String> out = new ArrayList<>();
        listing("root link", SYS_NET, out);
        file("root route", Path.of("/proc/net/route"), new int[] {4, 5}, out);
        file("root route6", Path.of("/proc/net/ipv6_route"), new int[] {6, 7}, out);
        file("root addr6", Path.of("/proc/net/if_inet6"), new int[] {}, out);
        listing("netns", Path.of("/run/netns"), out);
        listing("nslab", Path.of("/run/nslab"), out);
        for (Path d : extraDirectories) {
            listing(d.toString(), d, out);
        }
        return new HostWorld(List.copyOf(out));
    }

    /**
     * Namespaces that another test of this project makes in the real {@code /run/netns} on purpose
     * (NamespacesKernelTest checks that iproute2 sees them), and that may come and go while a build runs
     * beside ours on a shared machine.
     */
    private static final String OTHERS = "netns nltest-";

    /** The lines in one reading and not in the other, each marked with - or +; empty when nothing changed. */
    public List<String> changesTo(HostWorld later) {
        TreeSet<String> before = new TreeSet<>(lines.stream().filter(l -> !l.startsWith(OTHERS)).toList());
        TreeSet<String> after = new TreeSet<>(later.lines.stream().filter(l -> !l.startsWith(OTHERS)).toList());
        List<String> diff = new ArrayList<>();
        before.stream().filter(l -> !after.contains(l)).forEach(l -> diff.add("- " + l));
        after.stream().filter(l -> !before.contains(l)).forEach(l -> diff.add("+ " + l));
        return diff;
    }

    private static void listing(String what, Path dir, List<String> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.filter(p -> !p.equals(dir)).map(p -> what + " " + dir.relativize(p)).sorted().forEach(out::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            out.add(what + " unreadable: " + e.getMessage());
        }
    }

    /** Each line of {@code f} without the columns {@code counters} (reference and use counts, which move). */
    private static void file(String what, Path f, int[] counters, List<String> out) {
        try {
            for (String l : Files.readAllLines(f)) {
                String[] cols = l.strip().split("\\s+");
                for (int c : counters) {
                    if (c < cols.length) {
                        cols[c] = "*";
                    }
                }
                out.add(what + " " + String.join(" ", cols));
            }
        } catch (IOException e) {
            // no IPv6 on this host: nothing to compare
        }
    }
}
