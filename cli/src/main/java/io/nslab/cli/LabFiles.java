package io.nslab.cli;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Lab files named on the command line, loaded ahead: {@link #readAhead} starts loading them on a second
 * thread as soon as the JVM runs, while picocli builds the command on the first, and {@link #load} takes
 * the result (or loads the file itself when nothing was read ahead). A cold JVM needs a tenth of a second
 * for each, so the commands that build a large lab start that much sooner. The outcome is exactly that of
 * {@link LabLoader#load}, problems included.
 */
final class LabFiles {
    /** The commands whose arguments may name lab files. */
    private static final Set<String> READERS = Set.of("validate", "plan", "up", "check", "status", "ping", "trace");

    private static final Map<Path, CompletableFuture<Loaded>> AHEAD = new ConcurrentHashMap<>();

    /** A lab file's text, read once, the lab it holds, and its warnings ({@code file:line:col: warning: ...}). */
    record Loaded(String text, Lab lab, java.util.List<io.nslab.model.load.Problem> warnings) {
        static Loaded of(Path file) {
            return of(file.toString(), LabLoader.read(file));
        }

        static Loaded of(String label, String text) {
            LabLoader.Checked checked = LabLoader.check(label, text);
            return new Loaded(text, checked.lab(), checked.warnings());
        }

        /** Prints the warnings on {@code err}, one a line, as validate prints errors. */
        void warn(java.io.PrintWriter err) {
            warn(err, false);
        }

        /**
         * As {@link #warn(java.io.PrintWriter)}; with {@code hostAllowed} (up --allow-host) the user said the host:
         * ends are meant, and the warning that they might be a typo is left out.
         */
        void warn(java.io.PrintWriter err, boolean hostAllowed) {
            warnings.stream().filter(w -> !(hostAllowed && w.message().startsWith("\"host:")))
                    .forEach(w -> err.println(w.position() + ": warning: " + w.message()));
            err.flush();
        }
    }

    private LabFiles() {
    }

    /** Starts loading every lab file the arguments of a lab-reading command name. */
    static void readAhead(String... args) {
        String command = null;
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            if (command == null) {
                command = arg;
                if (!READERS.contains(command)) {
                    return;
                }
            } else if ((arg.endsWith(".yaml") || arg.endsWith(".yml")) && LabArgument.isFile(arg)) {
                Path file = Path.of(arg);
                CompletableFuture<Loaded> future = new CompletableFuture<>();
                if (AHEAD.putIfAbsent(key(file), future) == null) {
                    Thread.ofPlatform().daemon().name("nslab-read-ahead").start(() -> {
                        try {
                            future.complete(Loaded.of(file));
                        } catch (Throwable t) {
                            future.completeExceptionally(t);
                        }
                    });
                }
            }
        }
    }

    /** {@link LabLoader#load}, using what {@link #readAhead} loaded of the same file. */
    static Lab load(Path file) {
        return loadWithText(file).lab();
    }

    /** The file's text and lab, read once (a pipe cannot be read twice), from {@link #readAhead} if it did. */
    static Loaded loadWithText(Path file) {
        CompletableFuture<Loaded> ahead = AHEAD.remove(key(file));
        if (ahead == null) {
            return Loaded.of(file);
        }
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Loaded.of(file);
        }
    }

    private static Loaded stdin;

    /** The lab file on standard input ({@code -}), read once however often a command asks. */
    static synchronized Loaded stdin() {
        if (stdin == null) {
            stdin = Loaded.of("<stdin>", LabLoader.read(Path.of("/dev/stdin")));
        }
        return stdin;
    }

    /** The lab a file argument or {@code -} names, with its text; a running lab's name is not read here. */
    static Loaded loadWithText(LabArgument argument) {
        return switch (argument) {
            case LabArgument.Stdin s -> stdin();
            case LabArgument.File f -> loadWithText(f.path());
            case LabArgument.Name n -> throw new IllegalArgumentException("a lab name is not a file: " + n.name());
        };
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
