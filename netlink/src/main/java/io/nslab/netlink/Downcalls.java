package io.nslab.netlink;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Links native calls ahead of their first use, on a background thread. Linking a downcall generates its stub
 * class, which JDK 25's ahead-of-time cache does not keep: 5-15 ms for each kind of call in a fresh JVM, about
 * 50 ms before {@code nslab down} can unmount its first namespace. Started while the command line is still being
 * parsed, it costs the command nothing on a machine with a second core.
 */
public final class Downcalls {
    private Downcalls() {
    }

    /** Kinds of native calls, each linked as a whole. */
    public enum Group {
        /** open, close, unlink: namespace files. */
        FILES(FileCalls.class),
        /** mount, umount2: named namespaces. */
        MOUNTS(MountCalls.class),
        /** setns, unshare: entering and creating namespaces. */
        NAMESPACES(NamespaceCalls.class),
        /** rtnetlink sockets. */
        NETLINK(SocketCalls.class),
        /** ICMP and UDP sockets and epoll: the probes. */
        PROBES(InetCalls.class, EpollCalls.class),
        /** Packet sockets: captures. */
        CAPTURE(InetCalls.class, PacketCalls.class);

        private final List<Class<?>> holders;

        Group(Class<?>... holders) {
            this.holders = List.of(holders);
        }
    }

    /**
     * Links the groups, in order, on a daemon thread, and returns at once. A call that needs a group before the
     * thread is done with it waits for that group only (class initialization does the waiting); a failure to link
     * is left for that first real call to report.
     */
    public static void prepareInBackground(List<Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        Thread.ofPlatform().daemon().name("nslab-downcalls").start(() -> {
            try {
                link(groups);
            } catch (RuntimeException | LinkageError e) {
                // left for the first real call to report
            }
        });
    }

    /** Links the groups on this thread. */
    static void link(List<Group> groups) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (Group g : groups) {
            for (Class<?> holder : g.holders) {
                try {
                    lookup.ensureInitialized(holder);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
