package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.MessageText;
import io.nslab.NslabException;
import io.nslab.model.NodeName;
import io.nslab.sandbox.Sandbox;
import io.nslab.script.ScriptRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nslab import FILE.sh [-w LAB.yaml]}: runs the script on the simulator and writes the state it ends
 * in as a lab file, which {@code nslab up} rebuilds. The script's root namespace becomes node "host". Its picocli model
 * is written in code ({@link CodedSpec}), as script's is.
 */
final class ImportCommand implements Callable<Integer> {
    private final CommandSpec spec = CodedSpec.command(this, "import");
    private final PositionalParamSpec fileArg = CodedSpec.required(String.class, "FILE.sh", "The script.");
    private final OptionSpec writeOption = CodedSpec.valued(Path.class, "LAB.yaml", "-w", "--write")
            .description("Write the lab here instead of stdout.").build();
    /** The old spelling: -o is every other command's format (docs/cli.md); still accepted, with a note. */
    private final OptionSpec outputOption = CodedSpec.valued(Path.class, "LAB.yaml", "-o", "--output").hidden(true).build();
    private final OptionSpec nameOption = CodedSpec.valued(String.class, "<name>", "--name").description("The lab's name "
            + "(default: the script's file name without .sh): letters, digits, '-', '_' and '.', starting with a letter or "
            + "digit, at most 63.").build();
    private final OptionSpec interruptAfterOption = ScriptCommand.interruptAfter("A ping without -c or -w gets its Ctrl-C "
            + "after this many seconds (default: ${DEFAULT-VALUE}).");
    private final OptionSpec timeLimitOption = ScriptCommand.timeLimit("Stop the script after this long, and write no lab "
            + "(default: ${DEFAULT-VALUE}).");
    private final OptionSpec kernelProfileOption = ScriptCommand.kernelProfile();

    ImportCommand() {
        spec.usageMessage().description("Turn a shell script into a lab file: the network state at the end of the script (run "
                + "as nslab script runs it, on the simulator), with the script's root namespace as node \"host\"; for a script "
                + "that takes down what it built, the state before it began to. The script's own output goes to stderr.");
        spec.addPositional(fileArg);
        for (OptionSpec o : new OptionSpec[] {writeOption, outputOption, nameOption, interruptAfterOption, timeLimitOption,
                kernelProfileOption}) {
            spec.addOption(o);
        }
        CodedSpec.standardHelp(spec);
    }

    /** The command's model, which nslab's takes as its subcommand {@code import}. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String file = fileArg.getValue();
        Path deprecatedOutput = outputOption.getValue();
        Path output = writeOption.<Path>getValue() == null ? deprecatedOutput : writeOption.getValue();
        String name = nameOption.getValue();
        long timeLimit = timeLimitOption.<Long>getValue();
        // Checked before the script runs: the name is written into the lab file as it is, so it must be a lab
        // name and nothing else (a newline or a ': ' in it would add YAML of its own).
        String nameProblem = name == null ? null : NodeName.problem(name);
        if (nameProblem != null) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab import: --name: "
                    + MessageText.oneLine(nameProblem.replace("node name", "lab name")));
        }
        ScriptCommand.read(file);
        String base = Path.of(file).getFileName().toString().replaceFirst("\\.sh$", "").replaceAll("[^A-Za-z0-9._-]", "-");
        if (base.length() > NodeName.MAX_LENGTH) {
            base = base.substring(0, NodeName.MAX_LENGTH);
        }
        String labName = name != null ? name : base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0)) ? "imported" : base;
        ScriptRun.Settings settings = ScriptCommand.settings(interruptAfterOption.<Long>getValue(), timeLimit,
                kernelProfileOption.getValue());
        spec.commandLine().getErr().flush();
        Sandbox.Result r = ScriptRun.simulate(Path.of("").toAbsolutePath(), file, settings, ScriptRun.Io.IMPORT, labName);
        if (r.stopped()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab import: " + file + " stopped after " + timeLimit
                    + " s (--time-limit); no lab written");
        }
        String yaml = r.output();
        if (!yaml.startsWith("name: ") && !yaml.contains("\nname: ")) {
            throw new NslabException(ExitCode.INTERNAL, "nslab import: the simulator wrote no lab for " + file
                    + " (exit " + r.status() + ")");
        }
        // each node is "  NAME:" under nodes: (LabExport); a script that leaves none made no namespace. That the lab loads
        // and builds the same network is LabExportTest's, for every corpus script: loading it again here cost the
        // 1000-host star's import 0.12 s, a tenth of the run.
        if (!yaml.contains("\nnodes:\n  ")) {
            // a script that only touches the host's namespace (its rules, a link it deletes again) leaves no node
            throw new NslabException(ExitCode.BAD_INPUT, "nslab import: " + file + " makes no namespace that a lab"
                    + " could hold (a lab's nodes are namespaces; the host's own state is not imported); no lab written");
        }
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab import: cannot write " + output + ": " + e.getMessage());
        }
        if (deprecatedOutput != null) {
            spec.commandLine().getErr().println("nslab import: -o is now -w (-o names a format in every other command): "
                    + new Retry(java.util.List.of("import", file, "-w", output.toString())));
        }
        return 0;
    }
}
