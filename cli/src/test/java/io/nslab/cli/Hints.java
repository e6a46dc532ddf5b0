package io.nslab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands a message suggests (`nslab ...` in backquotes), made runnable and run. */
final class Hints {
    private static final Pattern HINT = Pattern.compile("`nslab ([^`]*)`");

    private Hints() {
    }

    /** Every suggested command in {@code text}, placeholders replaced, as argument lists (without "nslab"). */
    static List<List<String>> in(String text, Map<String, String> placeholders) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = HINT.matcher(text);
        while (m.find()) {
            List<String> words = new ArrayList<>();
            for (String w : split(m.group(1))) {
                words.add(placeholders.getOrDefault(w, w));
            }
            out.add(words);
        }
        return out;
    }

    /** Runs each hint of {@code text} (with {@code options} after its subcommand) and asserts it worked. */
    static List<CliRun> run(String text, Map<String, String> placeholders, String... options) {
        List<List<String>> hints = in(text, placeholders);
        assertThat(hints).as("hints in: " + text).isNotEmpty();
        List<CliRun> runs = new ArrayList<>();
        for (List<String> hint : hints) {
            List<String> args = new ArrayList<>(hint);
            var sub = Main.commandLine(hint.getFirst()).getSubcommands().get(hint.getFirst());
            // the test's private directories, where the command takes them and the hint does not name them already
            if (sub != null && sub.getCommandSpec().findOption("--state-dir") != null && !hint.contains("--state-dir")) {
                args.addAll(1, List.of(options));
            }
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertThat(run.exitCode()).as("the hint `nslab %s` (from: %s) ran: %s%s", String.join(" ", hint), text, run.out(), run.err())
                    .isZero();
            runs.add(run);
        }
        return runs;
    }

    /** Shell words: spaces separate, single quotes quote (as Retry writes them). */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == '\\' && !quoted && i + 1 < line.length()) {
                w.append(line.charAt(++i));
            } else if (c == ' ' && !quoted) {
                if (any || w.length() > 0) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }
}
