package io.nslab.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line like the one the user typed, changed the way a hint suggests, so that what nslab suggests is a
 * command that works (each hint is run by HintsTest): {@code nslab ping ns1 ns2} becomes
 * {@code nslab ping --sim -l LAB.yaml ns1 ns2}.
 */
record Retry(List<String> args) {

    /** The arguments the user gave, subcommand first. */
    static Retry of(CommandSpec spec) {
        var parse = spec.commandLine().getParseResult();
        List<String> all = parse == null ? List.of(spec.name()) : parse.originalArgs();
        // the top-level options (--debug) stay where they were; the subcommand's name starts what follows
        int at = all.indexOf(spec.name());
        return new Retry(at < 0 ? List.of(spec.name()) : List.copyOf(all.subList(at, all.size())));
    }

    /** With {@code words} inserted right after the subcommand's name. */
    Retry withOptions(String... words) {
        List<String> out = new ArrayList<>(args);
        out.addAll(1, List.of(words));
        return new Retry(out);
    }

    /** Without the word {@code option} (a flag, with no value). */
    Retry without(String option) {
        List<String> out = new ArrayList<>(args);
        out.remove(option);
        return new Retry(out);
    }

    /** With {@code --} inserted before argument {@code index} (0 is the subcommand). */
    Retry withDashesBefore(int index) {
        List<String> out = new ArrayList<>(args);
        out.add(Math.min(index, out.size()), "--");
        return new Retry(out);
    }

    boolean has(String... options) {
        for (String o : options) {
            for (String a : args) {
                if (a.equals(o) || a.startsWith(o + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code `nslab ARGS`}, words with spaces or shell characters quoted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("`nslab");
        for (String a : args) {
            sb.append(' ').append(quote(a));
        }
        return sb.append('`').toString();
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
