package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.model.load.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab shell [LAB]}: Mininet's CLI over a running lab. A line {@code NODE CMD ARGS...} runs the command in the
 * node (as {@code exec} does), a word that names a node of the lab standing for its first address, as Mininet has it
 * ({@code ns1 ping -c1 ns2}); {@code nodes}, {@code links}/{@code net}, {@code dump}, {@code pingall} describe and probe
 * the lab. Lines come from the terminal, or from a pipe (a script of them).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive shell over a running lab, in the manner of Mininet's CLI: `NODE CMD ARGS...` runs "
                + "the command in the node, with the lab's node names in ARGS standing for their first address (ns1 ping "
                + "-c1 ns2); `nodes`, `links` (or `net`), `dump` and `pingall` describe and probe the lab; `help`; `exit` "
                + "or end of input leaves. Reads a script of such lines from a pipe too. Needs root.",
            "Exit status: 0; 1 when a line read from a pipe failed (a command's status, an unknown node)."})
final class ShellCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A running lab's name or its file (default: the only "
            + "running lab).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    static final String HELP = """
            NODE CMD ARGS...   run CMD in NODE (node names in ARGS stand for their first address)
            nodes              the lab's nodes
            links, net         the lab's links, end to end
            dump               each node: its namespace and addresses
            pingall            every node with an address pings every other's first address
            help               this
            exit, quit         leave (as does end of input, Ctrl-D)
            """;

    @Override
    public Integer call() throws Exception {
        KernelOptions.requirePrivilege("shell");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Lab lab = LabContext.resolve(labOption.or(labArgument), null, kernel.store(), false, false, Retry.of(spec), err).lab();
        boolean terminal = System.console() != null && System.console().isTerminal();
        ExecCommand exec = new ExecCommand();
        exec.kernel = kernel;
        if (terminal) {
            out.println("nslab shell: lab " + lab.name() + ", nodes " + String.join(" ", names(lab)) + "; `help` for more");
        }
        boolean failed = false;
        // Ctrl-C belongs to the command running in a node (the terminal sends it to the whole group): the shell stays
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        sun.misc.SignalHandler before = sun.misc.Signal.handle(sigint, s -> { });
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                if (terminal) {
                    out.print("nslab(" + lab.name() + ")> ");
                }
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    if (terminal) {
                        out.println();
                    }
                    break;
                }
                List<String> words = Arrays.stream(line.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty() || words.getFirst().startsWith("#")) {
                    continue;
                }
                if (words.getFirst().equals("exit") || words.getFirst().equals("quit")) {
                    break;
                }
                try {
                    failed |= line(lab, words, exec, terminal, out, err) != 0;
                } catch (NslabException e) {
                    err.println("nslab shell: " + e.getMessage());
                    failed = true;
                }
                out.flush();
                err.flush();
            }
        } finally {
            sun.misc.Signal.handle(sigint, before);
        }
        out.flush();
        return failed && !terminal ? ExitCode.CHECK_FAILED.code() : 0;
    }

    private int line(Lab lab, List<String> words, ExecCommand exec, boolean terminal, PrintWriter out, PrintWriter err) throws Exception {
        String first = words.getFirst();
        switch (first) {
            case "help", "?" -> {
                out.print(HELP);
                return 0;
            }
            case "nodes" -> {
                out.println("available nodes are: " + String.join(" ", names(lab)));
                return 0;
            }
            case "links", "net" -> {
                lab.links().forEach(l -> out.println(l.a().node() + ":" + l.a().ifname() + " <-> " + l.b().node() + ":" + l.b().ifname()));
                return 0;
            }
            case "dump" -> {
                for (NodeName n : lab.nodes().keySet()) {
                    List<String> addresses = new ArrayList<>();
                    lab.endpointsOf(n).forEach(e -> e.addresses().forEach(a -> addresses.add(e.ifname() + " " + a)));
                    lab.node(n).orElseThrow().bridges().forEach(b -> b.addresses().forEach(a -> addresses.add(b.name() + " " + a)));
                    out.println("<node " + n + ": netns " + lab.namespaceOf(n).name() + (addresses.isEmpty() ? "" : ", "
                            + String.join(", ", addresses)) + ">");
                }
                return 0;
            }
            case "pingall" -> {
                AllPairs all = new AllPairs(lab);
                try (KernelNetwork network = kernel.network()) {
                    all.run(network, Progress.counting(err, "pingall", all.size()), i -> { });
                    out.println(all.pingall());
                    return all.allAnswered() ? 0 : 1;
                }
            }
            default -> {
                if (NodeName.problem(first) != null || lab.node(NodeName.of(first)).isEmpty()) {
                    throw new NslabException(ExitCode.BAD_INPUT, "\"" + io.nslab.MessageText.oneLine(first) + "\" is neither a node of lab "
                            + lab.name() + " nor a command of this shell" + Suggestions.hint(first, hintWords(lab))
                            + "; `help` lists them");
                }
                if (words.size() == 1) {
                    throw new NslabException(ExitCode.BAD_INPUT, "give the command to run in " + first + ": `" + first + " ip -br a`");
                }
                List<String> argv = new ArrayList<>();
                for (String w : words.subList(1, words.size())) {
                    argv.add(address(lab, w));
                }
                out.flush(); // the command's output follows what the shell printed
                return exec.run(lab, first, argv, terminal);
            }
        }
    }

    /** A node's name stands for its first address (Mininet's substitution); any other word is itself. */
    private static String address(Lab lab, String word) {
        if (NodeName.problem(word) == null && lab.node(NodeName.of(word)).isPresent()) {
            return lab.addressOf(word).map(Object::toString).orElse(word);
        }
        return word;
    }

    private static List<String> names(Lab lab) {
        return lab.nodes().keySet().stream().map(NodeName::value).toList();
    }

    private static List<String> hintWords(Lab lab) {
        List<String> all = new ArrayList<>(names(lab));
        all.addAll(List.of("nodes", "links", "net", "dump", "pingall", "help", "exit", "quit"));
        return all;
    }
}
