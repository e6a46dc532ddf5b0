package io.nslab.cli;

import io.nslab.fault.Faults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code nslab heal LAB}: end a partition. */
@Command(name = "heal", mixinStandardHelpOptions = true,
        description = "End a running lab's partition: delete the table nslab partition made (inet nslab_partition) "
                + "from every node that has it. Nothing else is touched. Needs root.")
final class HealCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LAB", description = "A running lab's name or its file.")
    String labArgument;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return FaultRun.run("heal", labArgument, kernel, spec, (network, lab) -> {
            Faults.heal(network, lab);
            return " is healed";
        });
    }
}
