package io.nslab.cli;

import io.nslab.netlink.Downcalls;
import io.nslab.netlink.Downcalls.Group;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.nslab.netlink.Downcalls.Group.FILES;
import static io.nslab.netlink.Downcalls.Group.MOUNTS;
import static io.nslab.netlink.Downcalls.Group.NAMESPACES;
import static io.nslab.netlink.Downcalls.Group.NETLINK;
import static io.nslab.netlink.Downcalls.Group.PROBES;

/**
 * The native calls each kernel command makes, linked on a second thread while picocli builds the command on
 * the first (see {@link Downcalls}); first needed first. Commands of the simulator ({@code --sim}) and those
 * that never reach the kernel link nothing. {@code up} links its own once picocli is done ({@link #UP}):
 * until then the second core is busy reading the lab file, which up waits for first (62 ms sooner, median of 8).
 */
final class DowncallsAhead {
    /** What {@code up} needs, in order. */
    static final List<Group> UP = List.of(FILES, MOUNTS, NAMESPACES, NETLINK, PROBES);

    private static final Map<String, List<Group>> BY_COMMAND = Map.of(
            "down", List.of(FILES, MOUNTS),
            "cleanup", List.of(FILES, MOUNTS),
            "plan", List.of(FILES, NETLINK),
            "status", List.of(FILES, NETLINK),
            "ping", List.of(FILES, PROBES, NETLINK),
            "trace", List.of(FILES, PROBES, NETLINK),
            "check", List.of(FILES, PROBES, NETLINK),
            "capture", List.of(FILES, NETLINK, Group.CAPTURE),
            "exec", List.of(FILES, NAMESPACES));

    private DowncallsAhead() {
    }

    /** The groups the command in {@code args} will need, in the order it needs them. */
    static List<Group> groups(String... args) {
        if (Arrays.asList(args).contains("--sim")) {
            return List.of();
        }
        String command = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        return BY_COMMAND.getOrDefault(command, List.of());
    }

    static void start(String... args) {
        Downcalls.prepareInBackground(groups(args));
    }
}
