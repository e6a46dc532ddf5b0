package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab logs NODE[/SERVICE]}: what a node's exec commands and services wrote. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print what a node's exec commands and services (the lab file's exec: and services:) wrote. The logs "
                + "are kept under the lab's state directory (/run/nslab/LAB/services/NODE/) until down. Needs root.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NODE[/SERVICE]", description = "The node, and one of its services; the node alone prints its "
            + "exec commands' log, then each service's.")
    String target;

    @Mixin
    LabOption labOption;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int slash = target.indexOf('/');
        String node = slash < 0 ? target : target.substring(0, slash);
        String service = slash < 0 ? null : target.substring(slash + 1);
        KernelOptions.requirePrivilege("logs");
        LabContext ctx = LabContext.resolve(labOption.lab, node, kernel.store(), false, false, Retry.of(spec),
                spec.commandLine().getErr());
        ctx.netnsOf(node); // a known node, or exit 2 naming the closest
        String lab = ctx.lab().name();
        Node n = ctx.lab().node(NodeName.of(node)).orElseThrow();
        if (service != null && !n.startup().services().containsKey(service)) {
            throw new NslabException(ExitCode.BAD_INPUT, "node " + node + " of lab " + lab + " has no service \"" + service + "\""
                    + (n.startup().services().isEmpty() ? "; it has none" : "; its services: " + String.join(", ", n.startup().services().keySet())));
        }
        Path dir = NodeServices.directory(kernel, lab).resolve(node);
        List<Path> logs = new ArrayList<>();
        if (service != null) {
            logs.add(dir.resolve(service + ".log"));
        } else {
            if (!n.startup().exec().isEmpty()) {
                logs.add(dir.resolve("exec.log"));
            }
            n.startup().services().keySet().forEach(s -> logs.add(dir.resolve(s + ".log")));
        }
        if (logs.isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "node " + node + " of lab " + lab + " has no exec commands or services, "
                    + "so no logs");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Path log : logs) {
            if (logs.size() > 1) {
                out.println("==> " + log + " <==");
            }
            if (Files.isRegularFile(log)) {
                out.print(Files.readString(log));
            } else {
                out.println("(no log: not started; `nslab up` starts it)");
            }
        }
        out.flush();
        return 0;
    }
}
