package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceKind;
import io.nslab.model.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nslab exec NODE -- CMD}: a command inside a node's namespaces. The child is started by
 * util-linux {@code nsenter}: a JVM has many threads and cannot move itself into another
 * namespace, and a child forked from one thread that entered it would depend on how the JDK
 * launches processes; nsenter enters, then execs, in a single-threaded process.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run a command inside a node's namespaces (network, and the others it has), with stdin, stdout, "
                + "stderr and the exit code passed through. The command and its options come after --: "
                + "nslab exec ns1 -- ip -br a. NODE may be a list (h1,h2,h3), or --all names every node; the command then "
                + "runs in each in turn, under a line naming the node. Without a command, opens an interactive shell in "
                + "one node, its prompt marked (nslab LAB:NODE). Needs root.",
            "Exit status: the command's; for several nodes, the highest of theirs."})
final class ExecCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE", arity = "0..1", index = "0", description = "The node, or several separated by commas.")
    String node;

    @Parameters(paramLabel = "CMD", index = "1..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Option(names = "--all", description = "Run the command in every node of the lab (the command then starts right after --).")
    boolean all;

    @Mixin
    LabOption labOption;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> argv = command;
        if (all && node != null) {
            argv = new ArrayList<>(command);
            argv.addFirst(node); // with --all every word is the command's
        }
        List<String> nodes = all ? List.of() : node == null ? List.of() : List.of(node.split(",", -1));
        if (!all && nodes.isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab exec: name the node: `nslab exec NODE -- CMD`, or every node: "
                    + "`nslab exec --all -- CMD`");
        }
        KernelOptions.requirePrivilege("exec");
        LabContext ctx = LabContext.resolve(labOption.lab, all ? null : nodes.getFirst(), kernel.store(), false, false, Retry.of(spec),
                spec.commandLine().getErr());
        Lab lab = ctx.lab();
        if (all) {
            nodes = lab.nodes().keySet().stream().map(NodeName::value).toList();
        }
        nodes.forEach(ctx::netnsOf); // every node known, or exit 2 naming the closest
        if (argv.isEmpty() && nodes.size() != 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab exec: a shell opens in one node; give a command for several: "
                    + "`nslab exec " + String.join(",", nodes) + " -- CMD`");
        }
        if (nodes.size() == 1) {
            return run(lab, nodes.getFirst(), argv);
        }
        PrintWriter out = spec.commandLine().getOut();
        int worst = 0;
        for (String n : nodes) {
            out.println("--- " + n + " (lab " + lab.name() + ", netns " + lab.namespaceOf(NodeName.of(n)).name() + ")");
            out.flush();
            worst = Math.max(worst, run(lab, n, argv));
        }
        return worst;
    }

    private int run(Lab lab, String node, List<String> command) throws InterruptedException {
        return run(lab, node, command, true);
    }

    /**
     * Runs {@code command} (a shell when empty) in the node, its output and errors on this process's; its input too
     * when {@code stdin}, else none (nslab shell reading a script from a pipe keeps the rest of the script to itself).
     */
    int run(Lab lab, String node, List<String> command, boolean stdin) throws InterruptedException {
        List<String> argv = NodeCommand.argv(kernel, lab, node,
                command.isEmpty() ? Shells.interactive(Shells.user(), lab.name() + ":" + node) : command);
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
            if (!stdin) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            pb.environment().put("NSLAB_LAB", lab.name());
            pb.environment().put("NSLAB_NODE", node);
            return pb.start().waitFor();
        } catch (java.io.IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab exec: cannot run nsenter (util-linux): " + e.getMessage());
        }
    }
}
