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
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab plan LAB.yaml}: the ops {@code up} would apply, as {@code ip} commands. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the changes `up` would apply, as the equivalent ip commands: to an empty host, or to the "
                + "running lab of the same name. Changes nothing; needs root, since it reads the running lab from the kernel.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "The lab file, - for standard input, or a running lab's "
            + "name (its lab as last applied; default: the running lab, when only one runs).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @picocli.CommandLine.Option(names = "--keep-drift", description = "Plan as up --keep-drift would: leave what was changed by "
            + "hand since the last up.")
    boolean keepDrift;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LabFiles.Loaded loaded = LabSource.of(labOption.or(labArgument), kernel.store(), "plan");
        loaded.warn(spec.commandLine().getErr());
        Lab lab = loaded.lab();
        io.nslab.firewall.KernelFirewall.refuseRules(lab, "plan");
        // Without privilege the running lab's namespaces cannot be read, and a plan "to an empty host" would
        // then be a wrong answer about a running lab: refuse, as every kernel command does.
        KernelOptions.requirePrivilege("plan");
        PrintWriter out = spec.commandLine().getOut();
        List<io.nslab.deploy.Refusal> refusals;
        try (KernelNetwork network = kernel.network()) {
            var deployer = kernel.deployer(network, new Interruption()).keepDrift(keepDrift);
            io.nslab.deploy.Plan plan = deployer.plan(lab);
            List<Op> ops = plan.ops();
            if (ops.isEmpty()) {
                out.println("lab " + lab.name() + " is up to date: nothing to do");
            } else {
                ops.forEach(op -> out.println(op.command()));
                out.println("# " + OpSummary.of(ops));
            }
            refusals = ops.isEmpty() ? List.of() : deployer.preflight(lab, plan);
        }
        if (!refusals.isEmpty()) {
            out.flush();
            var err = spec.commandLine().getErr();
            err.println("up would refuse this plan, before any change:");
            refusals.forEach(r -> err.println("  " + r.text()));
            err.flush();
            return refusals.stream().anyMatch(r -> r.code() == io.nslab.ExitCode.BAD_INPUT)
                    ? io.nslab.ExitCode.BAD_INPUT.code() : io.nslab.ExitCode.ENVIRONMENT.code();
        }
        out.flush();
        return NeighbourReport.report(lab, kernel.procSys, "up", false, spec.commandLine().getErr()) ? 0 : io.nslab.ExitCode.ENVIRONMENT.code();
    }
}
