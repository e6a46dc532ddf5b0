package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nslab new --topo linear,3 [-w lab.yaml]}: a lab file in one of Mininet's shapes, to start from. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Write a lab file of a standard shape, as Mininet's --topo makes them: single,N (N hosts on one "
                + "switch), linear,N (N switches in a row, a host on each), tree,DEPTH,FANOUT (switches in a tree, hosts at "
                + "the leaves), and two routed ones: star,N (N hosts, each on its own subnet to router r) and ring,N (N "
                + "routers in a ring, static routes the short way round). Switches are nodes holding a Linux bridge; hosts "
                + "are h1, h2, ... on 10.0.0.0/8. Prints the lab, or writes it with -w.")
final class NewCommand implements Callable<Integer> {

    @Option(names = "--topo", required = true, paramLabel = "SHAPE", description = "single,N | linear,N | tree,DEPTH,FANOUT | star,N | ring,N")
    String topo;

    @Option(names = "--name", paramLabel = "NAME", description = "The lab's name (default: the shape, as linear-3).")
    String name;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write the lab file here instead of printing it.")
    Path write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Topology t = Topology.parse(topo);
        String labName = name == null ? t.name() : name;
        String problem = NodeName.problem(labName);
        if (problem != null) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab new: --name: " + io.nslab.MessageText.oneLine(problem.replace("node name", "lab name")));
        }
        String yaml = t.yaml(labName);
        LabLoader.parse(write == null ? "(new lab)" : write.toString(), yaml); // what up reads must load
        if (write == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Files.writeString(write, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab new: cannot write " + write + ": " + e.getMessage());
        }
        spec.commandLine().getErr().println("wrote " + write + " (lab " + labName + "); next: `nslab up " + write
                + "`, then `nslab check --all-pairs " + labName + "`");
        return 0;
    }
}
