package io.nslab.cli;

import io.nslab.Network;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of commands that probe a lab in either world: which lab, and whether to ask the simulator. */
final class WorldOptions {
    @Option(names = {"-l", "--lab"}, paramLabel = "LAB", description = "The lab: a running lab's name, a lab file, or - for "
            + "standard input (default: the running lab that has the node).")
    String lab;

    @Option(names = "--sim", description = "Ask the simulator (no privilege needed) instead of the kernel.")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The lab the command means; {@code node}, when given, picks among running labs. */
    LabContext context(String node) {
        return LabContext.resolve(lab, node, kernel.store(), sim, retry(), command.commandLine().getErr());
    }

    Network network(LabContext ctx) {
        return ctx.network(sim, kernel, command.name(), retry());
    }

    Retry retry() {
        return Retry.of(command);
    }
}
