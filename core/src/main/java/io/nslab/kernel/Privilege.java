package io.nslab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may build namespaces: CAP_SYS_ADMIN (mounts, unshare) and CAP_NET_ADMIN. */
public final class Privilege {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Privilege() {
    }

    /** Null when privileged enough; otherwise what is missing, in words a user can act on. */
    public static String missing() {
        long caps;
        try {
            caps = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                    .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).findFirst().orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return "cannot read this process's capabilities (" + e.getMessage() + ")";
        }
        return missing(caps);
    }

    /** What {@link #missing()} says for an effective capability set. */
    static String missing(long caps) {
        boolean net = (caps & (1L << CAP_NET_ADMIN)) != 0;
        boolean sys = (caps & (1L << CAP_SYS_ADMIN)) != 0;
        if (net && sys) {
            return null;
        }
        return "the kernel world needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN"
                + (net || sys ? "; this process lacks " + (net ? "CAP_SYS_ADMIN" : "CAP_NET_ADMIN") : "") + ")";
    }
}
