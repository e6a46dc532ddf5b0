package io.nslab.cli;

import io.nslab.deploy.Interruption;
import io.nslab.kernel.KernelNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code nslab cleanup}: remove what any lab made, also after a crash. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Remove everything any lab created, as recorded under /run/nslab, also after a crash or kill -9 "
                + "in the middle of up. Needs root.")
final class CleanupCommand implements Callable<Integer> {

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KernelOptions.requirePrivilege("cleanup");
        try (KernelNetwork network = kernel.network()) {
            var deployer = kernel.deployer(network, new Interruption());
            var out = spec.commandLine().getOut();
            for (String lab : kernel.store().labs()) {
                NodeServices.stopAll(kernel.store().lab(lab).directory()).forEach(s -> out.println("lab " + lab + ": " + s));
            }
            var results = deployer.cleanup();
            results.forEach(r -> r.notes().forEach(n -> out.println("lab " + r.lab() + ": " + n)));
            int removed = results.stream().mapToInt(r -> r.removed().size()).sum();
            var labs = results.stream().map(io.nslab.deploy.DownResult::lab).toList();
            out.println(labs.isEmpty() ? "nothing to clean up"
                    : "removed " + labs.size() + (labs.size() == 1 ? " lab (" : " labs (") + String.join(", ", labs) + "), "
                    + removed + (removed == 1 ? " namespace" : " namespaces"));
            boolean failed = results.stream().anyMatch(r -> r.notes().stream().anyMatch(n -> n.startsWith("error: ")));
            return failed ? io.nslab.ExitCode.ENVIRONMENT.code() : 0;
        }
    }
}
