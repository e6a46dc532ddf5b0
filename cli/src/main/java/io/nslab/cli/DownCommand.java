package io.nslab.cli;

import io.nslab.deploy.Interruption;
import io.nslab.kernel.KernelNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code nslab down LAB}: remove exactly what the lab made. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove a lab: the namespaces it created, with every link, address and route in them, and its "
                + "record under /run/nslab. Never touches a namespace the lab did not create. Needs root.")
final class DownCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A running lab's name, its file, or - for standard input "
            + "(default: the running lab, when only one runs).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = LabArgument.nameOrOnlyRunning(labOption.or(labArgument), kernel.store(), "down");
        KernelOptions.requirePrivilege("down");
        long start = System.nanoTime();
        try (KernelNetwork network = kernel.network()) {
            var deployer = kernel.deployer(network, new Interruption());
            // the nodes' processes first, by their process groups: they go before their namespaces
            NodeServices.stopAll(kernel.store().lab(name).directory()).forEach(spec.commandLine().getOut()::println);
            var result = deployer.down(name);
            result.notes().forEach(spec.commandLine().getOut()::println);
            int removed = result.removed().size();
            long ms = (System.nanoTime() - start) / 1_000_000;
            spec.commandLine().getOut().println("lab " + name + " is down: " + removed
                    + (removed == 1 ? " namespace" : " namespaces") + " removed in " + ms + " ms");
        }
        return 0;
    }
}
