package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.load.LabException;
import io.nslab.model.load.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab validate LAB.yaml...}: load and check lab files; needs no privilege and touches nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and validate lab files. Prints every problem at file:line:col; on success a one-line "
                + "summary per file. Needs no privilege and touches nothing on the host.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB.yaml", arity = "1..*", description = "Lab files to validate.")
    List<Path> files;

    @picocli.CommandLine.Option(names = "--proc-sys", hidden = true, description = "Where the host's neighbour limits are read (tests).")
    Path procSys = io.nslab.deploy.HostNeighbourLimits.PROC_SYS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        boolean badFile = false;
        boolean overBudget = false;
        for (Path file : files) {
            try {
                Lab lab = LabFiles.load(file);
                out.println(file + ": ok: " + LabSummary.of(lab));
                out.flush();
                if (!NeighbourReport.report(lab, procSys, "up", false, err)) {
                    overBudget = true;
                }
            } catch (LabException e) {
                for (Problem p : e.problems()) {
                    err.println(p.position() + ": error: " + p.message());
                }
                problems += e.problems().size();
            } catch (NslabException e) {
                err.println(e.getMessage());
                badFile = true;
            }
        }
        if (problems > 0) {
            err.println(problems + (problems == 1 ? " problem" : " problems") + " found");
        }
        out.flush();
        err.flush();
        return problems > 0 || badFile ? ExitCode.BAD_INPUT.code() : overBudget ? ExitCode.ENVIRONMENT.code() : ExitCode.OK.code();
    }
}
