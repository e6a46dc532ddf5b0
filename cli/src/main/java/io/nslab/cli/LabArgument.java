package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.MessageText;
import io.nslab.NslabException;
import io.nslab.deploy.StateStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A lab named on the command line, the same way for every command (docs/cli.md, "Naming the lab"): {@code -} for
 * standard input, a lab file, or a running lab's name. A word is a file when it exists as one, contains a
 * {@code /}, or ends in {@code .yaml}/{@code .yml}; any other word is a lab's name.
 */
sealed interface LabArgument {
    /** The lab file on standard input. */
    record Stdin() implements LabArgument {
    }

    record File(Path path) implements LabArgument {
    }

    record Name(String name) implements LabArgument {
    }

    static LabArgument of(String argument) {
        if (argument.equals("-")) {
            return new Stdin();
        }
        if (isFile(argument) || argument.contains("/") || argument.endsWith(".yaml") || argument.endsWith(".yml")) {
            try {
                return new File(Path.of(argument));
            } catch (java.nio.file.InvalidPathException e) {
                throw new NslabException(ExitCode.BAD_INPUT, "\"" + MessageText.oneLine(argument) + "\" is not a file name: "
                        + e.getReason().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Name(argument);
    }

    /** The lab's name: the argument itself, or the name a lab file holds. */
    static String name(String argument) {
        return switch (of(argument)) {
            case Name n -> n.name();
            case File f -> LabFiles.load(f.path()).name();
            case Stdin s -> LabFiles.stdin().lab().name();
        };
    }

    /**
     * The lab a kernel command means: the one named, or — when none is — the only running lab; several or none
     * running is exit 2 with the commands that would work.
     */
    static String nameOrOnlyRunning(String argument, StateStore store, String command) {
        if (argument != null) {
            return name(argument);
        }
        List<String> running = store.labs();
        if (running.size() == 1) {
            return running.getFirst();
        }
        if (running.isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": no lab is running; start one with `nslab up LAB.yaml`");
        }
        throw new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": several labs are running (" + String.join(", ", running)
                + "); name one: `nslab " + command + " " + running.getFirst() + "`");
    }

    /** Whether {@code argument} names an existing file that is not a directory; a string no path can hold (a NUL) names none. */
    static boolean isFile(String argument) {
        try {
            Path p = Path.of(argument);
            return Files.exists(p) && !Files.isDirectory(p);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The lab named once: positionally or with {@code -l}, not both differently. */
    static String either(String positional, String option) {
        if (positional != null && option != null && !positional.equals(option)) {
            throw new NslabException(ExitCode.BAD_INPUT, "the lab is named twice (\"" + MessageText.oneLine(positional)
                    + "\" and -l \"" + MessageText.oneLine(option) + "\"); name it once");
        }
        return positional != null ? positional : option;
    }
}
