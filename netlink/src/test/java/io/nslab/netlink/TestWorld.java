package io.nslab.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * Namespaces for one privileged test, in a private directory under /run/nslab-test, all removed by
 * {@link #close()} even when the test failed. Never touches the host's own namespace.
 */
final class TestWorld implements AutoCloseable {
    private static final Path ROOT = Path.of("/run/nslab-test");

    final NamedNamespaces names;
    private final List<Netlink> handles = new ArrayList<>();

    TestWorld() {
        assumePrivileged();
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        names = NamedNamespaces.at(ROOT.resolve(HexFormat.of().formatHex(random)));
    }

    /** Skips the test, saying why, unless the process has CAP_NET_ADMIN and CAP_SYS_ADMIN (CI runs as root). */
    static void assumePrivileged() {
        boolean ok;
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            String capEff = status.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElse("CapEff: 0")
                    .substring(7).strip();
            long caps = Long.parseUnsignedLong(capEff, 16);
            ok = (caps & (1L << 12)) != 0 && (caps & (1L << 21)) != 0;
        } catch (IOException | NumberFormatException e) {
            ok = false;
        }
        String reason = "kernel test skipped: needs CAP_NET_ADMIN and CAP_SYS_ADMIN (run as root)";
        if (!ok) {
            System.out.println(reason);
        }
        Assumptions.assumeTrue(ok, reason);
    }

    /** A new namespace with lo up, and a handle inside it. */
    Netlink namespace(String name) {
        Netlink nl = names.createWithNetlink(name);
        handles.add(nl);
        nl.links().setUp("lo");
        return nl;
    }

    static NetNs ns(Netlink nl) {
        return nl.namespace().orElseThrow();
    }

    static long threadNamespaceInode() throws IOException {
        return (Long) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino");
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Netlink nl : handles) {
            nl.close();
        }
        for (String name : names.list()) {
            try {
                names.delete(name);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        names.removeDirectory();
        try (var left = Files.list(ROOT)) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(ROOT);
            }
        } catch (IOException ignored) {
            // another test's world is still there
        }
        if (first != null) {
            throw first;
        }
    }
}
