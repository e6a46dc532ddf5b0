package io.nslab.cli;

import io.nslab.deploy.Interruption;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.op.Op;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab plan LAB.yaml}: the ops {@code up} would apply, as {@code ip} commands. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the changes `up` would apply, as the equivalent ip commands: to an empty host, or to the "
                + "running lab of the same name. Changes nothing; needs root, since it reads the running lab from the kernel.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB.yaml", description = "The lab file.")
    Path file;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Lab lab = LabFiles.load(file);
        // Without privilege the running lab's namespaces cannot be read, and a plan "to an empty host" would
        // then be a wrong answer about a running lab: refuse, as every kernel command does.
        KernelOptions.requirePrivilege("plan");
        PrintWriter out = spec.commandLine().getOut();
        try (KernelNetwork network = kernel.network()) {
            List<Op> ops = kernel.deployer(network, new Interruption()).plan(lab);
            if (ops.isEmpty()) {
                out.println("lab " + lab.name() + " is up to date: nothing to do");
            } else {
                ops.forEach(op -> out.println(op.command()));
                out.println("# " + OpSummary.of(ops));
            }
        }
        out.flush();
        return NeighbourReport.report(lab, kernel.procSys, "up", false, spec.commandLine().getErr()) ? 0 : io.nslab.ExitCode.ENVIRONMENT.code();
    }
}
