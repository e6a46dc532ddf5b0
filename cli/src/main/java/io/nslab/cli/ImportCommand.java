package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.MessageText;
import io.nslab.NslabException;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import io.nslab.script.Interpreter;
import io.nslab.script.LabExport;
import io.nslab.script.Output;
import io.nslab.script.ScriptWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code nslab import FILE.sh [-w LAB.yaml]}: runs the script on the simulator and writes the state it ends
 * in as a lab file, which {@code nslab up} rebuilds. The script's root namespace becomes node "host".
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn an ip/route/sysctl shell script into a lab file: the network state at the end of the script "
                + "(run on the simulator), with the script's root namespace as node \"host\". The script's own output "
                + "goes to stderr.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.sh", description = "The script.")
    String file;

    @Option(names = {"-w", "--write"}, paramLabel = "LAB.yaml", description = "Write the lab here instead of stdout.")
    Path output;

    /** The old spelling: -o is every other command's format (docs/cli.md); still accepted, with a note. */
    @Option(names = {"-o", "--output"}, hidden = true, paramLabel = "LAB.yaml")
    Path deprecatedOutput;

    @Option(names = "--name", description = "The lab's name (default: the script's file name without .sh): letters, "
            + "digits, '-', '_' and '.', starting with a letter or digit, at most 63.")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output = output == null ? deprecatedOutput : output;
        // Checked before the script runs: the name is written into the lab file as it is, so it must be a lab
        // name and nothing else (a newline or a ': ' in it would add YAML of its own).
        String nameProblem = name == null ? null : NodeName.problem(name);
        if (nameProblem != null) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab import: --name: "
                    + MessageText.oneLine(nameProblem.replace("node name", "lab name")));
        }
        String source = ScriptCommand.read(file);
        ScriptWorld world = new ScriptWorld();
        StringBuilder printed = new StringBuilder();
        Interpreter.run(world, Output.merged(printed), file, source);
        spec.commandLine().getErr().print(printed);
        spec.commandLine().getErr().flush();
        String base = Path.of(file).getFileName().toString().replaceFirst("\\.sh$", "").replaceAll("[^A-Za-z0-9._-]", "-");
        if (base.length() > NodeName.MAX_LENGTH) {
            base = base.substring(0, NodeName.MAX_LENGTH);
        }
        String labName = name != null ? name : base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0)) ? "imported" : base;
        String yaml = LabExport.yaml(labName, world.snapshot());
        LabLoader.parse(output == null ? "(imported lab)" : output.toString(), yaml); // what up will read must load
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
