package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.graph.GraphFormat;
import io.nslab.graph.LabGraph;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nslab graph [LAB]}: the lab's topology as a picture (SVG) or as DOT or Mermaid text. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw a lab: nodes by role (router: forwarding on; host; bridge; this machine, for host: endpoints), links "
                + "labelled with their interfaces and addresses and coloured by subnet. SVG laid out by nslab itself (nothing to "
                + "install), or DOT (Graphviz) and Mermaid text to embed in docs. A lab file is drawn as the file says, without "
                + "privilege; a running lab's name is drawn as the kernel has it now (root), or with --sim as last applied.")
final class GraphCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A lab file, - for standard input, or a running lab's name "
            + "(default: the running lab).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "svg (the default), dot or mermaid; with -w, the "
            + "file's extension chooses (.svg, .dot or .gv, .mmd).")
    GraphFormat format;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write the picture here instead of printing it.")
    Path write;

    @Option(names = "--sim", description = "Draw a running lab as last applied (the simulator's), not as the kernel has it.")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GraphFormat chosen = format(format, write, "graph");
        String named = labOption.or(labArgument);
        Retry retry = Retry.of(spec);
        LabContext ctx = LabContext.resolve(named, null, kernel.store(), sim, retry, spec.commandLine().getErr());
        LabGraph graph = fromKernel(named, sim) ? kernelGraph(ctx.lab(), retry) : LabPicture.simulated(ctx.lab());
        String text = chosen.render(graph);
        write(text, write, spec.commandLine().getOut(), spec.commandLine().getErr(), "graph");
        return 0;
    }

    /** A running lab (named, or the only one) without --sim is drawn from the kernel; a lab file never is. */
    static boolean fromKernel(String named, boolean sim) {
        return !sim && (named == null || LabArgument.of(named) instanceof LabArgument.Name);
    }

    private LabGraph kernelGraph(Lab lab, Retry retry) {
        KernelOptions.requirePrivilege("graph", retry, false);
        try (KernelNetwork network = kernel.network()) {
            return LabPicture.fromKernel(network, lab);
        }
    }

    /** -o, or else -w's extension, or else SVG; a file whose extension says no format needs -o (exit 2). */
    static GraphFormat format(GraphFormat given, Path write, String command) {
        if (given != null) {
            return given;
        }
        if (write == null) {
            return GraphFormat.svg;
        }
        return GraphFormat.ofFile(write.getFileName() == null ? "" : write.getFileName().toString())
                .orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": -w " + io.nslab.MessageText.oneLine(write.toString())
                        + ": the extension names no format (.svg, .dot, .mmd); add -o svg|dot|mermaid"));
    }

    /** The text to the file (saying so on stderr), or to stdout. */
    static void write(String text, Path file, PrintWriter out, PrintWriter err, String command) {
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab " + command + ": cannot write " + file + ": " + e.getMessage());
        }
        err.println("wrote " + file + " (" + text.getBytes(StandardCharsets.UTF_8).length + " bytes)");
        err.flush();
    }
}
