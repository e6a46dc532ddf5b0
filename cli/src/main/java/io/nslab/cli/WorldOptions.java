package io.nslab.cli;

import io.nslab.Network;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of commands that probe a lab in either world: which lab, and whether to ask the simulator. */
final class WorldOptions {
    @Option(names = {"-l", "--lab"}, paramLabel = "LAB", description = "The lab: a running lab's name or a lab file.")
    String lab;

    @Option(names = "--sim", description = "Ask the simulator (no privilege needed) instead of the kernel.")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    /** The lab the command means; {@code node}, when given, picks among running labs. */
    LabContext context(String node) {
        return LabContext.resolve(lab, node, kernel.store(), sim);
    }

    Network network(LabContext ctx, String command) {
        return ctx.network(sim, kernel, command);
    }
}
