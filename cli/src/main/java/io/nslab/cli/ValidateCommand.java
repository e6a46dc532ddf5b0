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
        description = {"Load and validate lab files. Prints every problem at file:line:col; on success a one-line "
                + "summary per file. Warnings (file:line:col: warning: ...) name what is valid but probably not meant: a "
                + "link whose ends share no subnet, an address without a prefix length, host: where a node may have been "
                + "meant. Whether this host can run the lab (its neighbour-table limits) is said apart, after the file's "
                + "verdict. Needs no privilege and touches nothing on the host.",
            "Exit status: 0 valid (warnings or not), 2 a file has errors, 3 valid but this host could not run it."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB.yaml", arity = "1..*", description = "Lab files to validate; - for standard input.")
    List<String> files;

    @picocli.CommandLine.Option(names = "--proc-sys", hidden = true, description = "Where the host's neighbour limits are read (tests).")
    Path procSys = io.nslab.deploy.HostNeighbourLimits.PROC_SYS;

    @Spec
    CommandSpec spec;

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "\"" + io.nslab.MessageText.oneLine(file) + "\" is not a file name: "
                    + e.getReason().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        boolean badFile = false;
        boolean overBudget = false;
        for (String file : files) {
            try {
                LabArgument argument = file.equals("-") ? new LabArgument.Stdin() : new LabArgument.File(path(file));
                LabFiles.Loaded loaded = LabFiles.loadWithText(argument);
                Lab lab = loaded.lab();
                loaded.warn(err);
                int warnings = loaded.warnings().size();
                out.println(file + ": ok: " + LabSummary.of(lab)
                        + (warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)")));
                out.flush();
                // the file is valid; whether this host can run it is another matter, said apart from it (exit 3)
                if (!NeighbourReport.reportHost(file, lab, procSys, err)) {
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
