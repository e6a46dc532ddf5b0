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
        return new KernelTestSupport(dir);
    }

    public NamedNamespaces registry() {
        return registry;
    }

    public Path directory() {
        return directory;
    }

    /** Deletes every namespace left in the directory, then the directory. */
    @Override
    public void close() {
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
