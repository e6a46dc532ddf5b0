package io.nslab.kernel;

import io.nslab.netlink.NamedNamespaces;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What kernel tests share: the privilege check that skips them (with the reason printed) where
 * the machine cannot create namespaces, and a private namespace directory that keeps them out
 * of {@code ip netns list}, removed with everything in it afterwards.
 */
public final class KernelTestSupport implements AutoCloseable {
    private final Path directory;
    private final NamedNamespaces registry;

    private KernelTestSupport(Path directory) {
        this.directory = directory;
        this.registry = NamedNamespaces.at(directory);
    }

    /** Skips the calling test, saying why, unless this process may create network namespaces. */
    public static void assumePrivileged() {
        String reason = Privilege.missing();
        if (reason != null) {
            System.out.println("SKIPPED kernel test: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    public static KernelTestSupport create() throws IOException {
        assumePrivileged();
        Path dir = Files.createTempDirectory(Path.of("/run"), "nslab-test-");
        KernelTestSupport s = new KernelTestSupport(dir);
        OPEN.add(s);
        return s;
    }

    /**
     * Supports not closed yet. A test framework may abandon a slow test's thread (jqwik does when shrinking runs out
     * of time) and the JVM then exits before that thread's cleanup: a shutdown hook removes what is left.
     */
    private static final java.util.Set<KernelTestSupport> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (KernelTestSupport s : java.util.List.copyOf(OPEN)) {
                System.err.println("removing test namespaces left open at exit in " + s.directory);
                s.close();
            }
        }, "nslab-test-cleanup"));
    }

    public NamedNamespaces registry() {
        return registry;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Deletes every namespace left in the directory, then the directory. A pending interrupt (a test framework that
     * gives up on a slow test interrupts its thread) is set aside meanwhile: the cleanup waits on namespace
     * threads, and an interrupted wait would leave the namespaces behind.
     */
    @Override
    public void close() {
        OPEN.remove(this);
        boolean interrupted = Thread.interrupted();
        try {
            deleteAll();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deleteAll() {
        for (String ns : registry.list()) {
            try {
                registry.delete(ns);
            } catch (RuntimeException e) {
                System.err.println("could not delete test namespace " + ns + ": " + e.getMessage());
            }
        }
        registry.removeDirectory();
    }
}
