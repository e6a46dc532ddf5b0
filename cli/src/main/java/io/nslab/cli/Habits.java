package io.nslab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words containerlab and Mininet users type, and what nslab calls the same thing: a command nslab does not
 * have is answered with its equivalent rather than with the nearest spelling (containerlab's {@code deploy} is
 * not nslab's {@code plan}). Every suggestion is a command that runs (HintsTest runs each).
 */
final class Habits {
    private Habits() {
    }

    /** What the word does elsewhere, and the nslab command that does it. */
    record Equivalent(String elsewhere, String nslab) {
    }

    static final Map<String, Equivalent> WORDS = words();

    private static Map<String, Equivalent> words() {
        Map<String, Equivalent> m = new LinkedHashMap<>();
        m.put("deploy", new Equivalent("containerlab's deploy", "nslab up LAB.yaml"));
        m.put("destroy", new Equivalent("containerlab's destroy", "nslab down LAB"));
        m.put("inspect", new Equivalent("containerlab's inspect", "nslab status LAB"));
        m.put("redeploy", new Equivalent("containerlab's redeploy", "nslab up LAB.yaml"));
        m.put("save", new Equivalent("containerlab's save", "nslab status -o yaml LAB"));
        m.put("mn", new Equivalent("Mininet's mn --topo", "nslab new --topo linear,3 -w lab.yaml"));
        m.put("pingall", new Equivalent("Mininet's pingall", "nslab check --all-pairs LAB"));
        m.put("pingpair", new Equivalent("Mininet's pingpair", "nslab ping NODE DST"));
        m.put("net", new Equivalent("Mininet's net", "nslab status LAB"));
        m.put("links", new Equivalent("Mininet's links", "nslab status LAB"));
        m.put("dump", new Equivalent("Mininet's dump", "nslab status LAB"));
        m.put("nodes", new Equivalent("Mininet's nodes", "nslab status LAB"));
        m.put("xterm", new Equivalent("Mininet's xterm", "nslab exec NODE"));
        m.put("iperf", new Equivalent("Mininet's iperf (iperf3 -s in one node, -c in another)", "nslab exec NODE -- CMD"));
        m.put("traceroute", new Equivalent("traceroute", "nslab trace NODE DST"));
        m.put("tracepath", new Equivalent("tracepath", "nslab trace NODE DST"));
        m.put("start", new Equivalent("a start", "nslab up LAB.yaml"));
        m.put("stop", new Equivalent("a stop", "nslab down LAB"));
        m.put("create", new Equivalent("a create", "nslab up LAB.yaml"));
        m.put("delete", new Equivalent("a delete", "nslab down LAB"));
        m.put("list", new Equivalent("a list", "nslab status"));
        m.put("ls", new Equivalent("an ls", "nslab status"));
        m.put("ps", new Equivalent("a ps", "nslab status"));
        m.put("run", new Equivalent("a run", "nslab exec NODE -- CMD"));
        m.put("init", new Equivalent("an init", "nslab new --topo single,2 -w lab.yaml"));
        m.put("test", new Equivalent("a test", "nslab check LAB"));
        m.put("verify", new Equivalent("a verify", "nslab check LAB"));
        m.put("completions", new Equivalent("completions", "nslab completion bash"));
        return m;
    }

    /** "nslab has no deploy: containerlab's deploy is `nslab up LAB.yaml`", for a word in the table. */
    static Optional<String> answer(String word) {
        Equivalent e = WORDS.get(word);
        return e == null ? Optional.empty() : Optional.of("no \"" + word + "\" command: " + e.elsewhere() + " is `" + e.nslab() + "`");
    }

    /** The first word of {@code args} that is not an option: the subcommand the user meant. */
    static Optional<String> command(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-")).findFirst();
    }
}
