package io.nslab.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hint for a command's own options given to {@code exec} or {@code sandbox} without {@code --}
 * ({@code nslab exec ns1 ip -br a}): the same line with {@code --} where it belongs.
 */
final class CommandArgs {
    private CommandArgs() {
    }

    static Optional<String> dashesHint(CommandSpec spec, List<String> args) {
        String name = spec.name();
        if (!name.equals("exec") && !name.equals("sandbox") || args.contains("--")) {
            return Optional.empty();
        }
        int at = args.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        // exec: after its node (or right after its options with --all); sandbox: after its own options
        boolean afterNode = name.equals("exec") && !args.contains("--all");
        int insert = -1;
        for (int i = at + 1; i < args.size(); i++) {
            String a = args.get(i);
            OptionSpec option = a.startsWith("-") ? spec.findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a) : null;
            if (option != null) {
                if (option.arity().max() > 0 && !a.contains("=")) {
                    i++; // its value
                }
                continue;
            }
            if (a.startsWith("-")) {
                insert = i; // the command's own option, before any word of it: -- goes here
                break;
            }
            insert = afterNode ? i + 1 : i;
            break;
        }
        if (insert < 0) {
            return Optional.empty();
        }
        List<String> fixed = new ArrayList<>(args.subList(at, args.size()));
        fixed.add(insert - at, "--");
        return Optional.of("nslab " + name + ": the command to run, and its options, come after --: " + new Retry(fixed));
    }
}
