package io.nslab.fidelity;

import io.nslab.kernel.Privilege;
import io.nslab.netlink.NamedNamespaces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private namespace directory under {@code /run} for one lab: its namespaces never show in
 * {@code ip netns list} and never collide with another lab's, so labs can run side by side. Closing deletes
 * every namespace in it and the directory, also after a failure.
 */
public final class ThrowawayNamespaces implements AutoCloseable {
    static final String PREFIX = "nslab-test-fidelity-";
    private final NamedNamespaces registry;

    private ThrowawayNamespaces(Path directory) {
        this.registry = NamedNamespaces.at(directory);
    }

    /** Why this process cannot create namespaces, or null when it can. */
    public static String missingPrivilege() {
        return Privilege.missing();
    }

    public static ThrowawayNamespaces create() throws IOException {
        return new ThrowawayNamespaces(Files.createTempDirectory(Path.of("/run"), PREFIX));
    }

    public NamedNamespaces registry() {
        return registry;
    }

    @Override
    public void close() {
        for (String ns : registry.list()) {
            try {
                registry.delete(ns);
            } catch (RuntimeException e) {
                System.err.println("could not delete namespace " + ns + " of " + registry.directory() + ": " + e.getMessage());
            }
        }
        registry.removeDirectory();
    }
}
