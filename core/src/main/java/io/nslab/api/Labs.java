package io.nslab.api;

import io.nslab.kernel.Privilege;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where labs start: from a lab file or a {@link LabSpec}, in the kernel (the default) or the simulator.
 * <pre>{@code
 * try (RunningLab lab = Labs.up(Path.of("labs/seed.yaml"))) {          // the kernel: needs root
 *     lab.node("ns2").newThread(server::serve).start();
 *     String reply = lab.node("ns1").run(() -> client.call("10.10.20.2", 7));
 * }
 * try (RunningLab lab = Labs.in(World.SIM).up(spec)) {                  // no privilege
 *     assertFalse(lab.reaches("h1", "h2"));
 * }
 * }</pre>
 * Every lab gets a name of its own ({@code seed-k3x0q2}) and its namespaces that name as prefix, so tests that run
 * in parallel, with labs of the same file, never collide. A lab still open when the JVM exits normally is removed
 * then; one left by a JVM that was killed is removed by the reaper ({@link Reaper}).
 */
public final class Labs {
    private Labs() {
    }

    /** Builds the lab of {@code file} in the kernel. */
    public static RunningLab up(Path file) {
        return options().up(file);
    }

    /** Builds a lab written in code in the kernel. */
    public static RunningLab up(LabSpec spec) {
        return options().up(spec);
    }

    /** Options for labs in {@code world}. */
    public static LabOptions in(World world) {
        return options().world(world);
    }

    /** Options, with defaults: the kernel world, namespaces in /run/netns, records in /run/nslab. */
    public static LabOptions options() {
        return new LabOptions();
    }

    /**
     * Why labs cannot be built in {@code world} by this process, or empty when they can: the simulator always can;
     * the kernel needs CAP_NET_ADMIN and CAP_SYS_ADMIN (root). Tests skip with this reason.
     */
    public static Optional<String> unavailable(World world) {
        return switch (world) {
            case SIM -> Optional.empty();
            case KERNEL -> Privilege.missing() == null ? Optional.empty()
                    : RootlessLabs.applies() ? RootlessLabs.whyNot() : Optional.of(Privilege.missing());
        };
    }
}
