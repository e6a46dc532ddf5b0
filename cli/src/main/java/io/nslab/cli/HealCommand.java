package io.nslab.cli;

import io.nslab.fault.Faults;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
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
        KernelOptions.requirePrivilege("heal");
        String name = LabArgument.name(labArgument);
        Lab lab = LabContext.running(name, kernel.store(), false, Retry.of(spec), spec.commandLine().getErr());
        try (KernelNetwork network = kernel.network()) {
            Faults.heal(network, lab);
        }
        spec.commandLine().getOut().println("lab " + name + " is healed");
        return 0;
    }
}
