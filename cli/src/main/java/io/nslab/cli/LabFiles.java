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

    /** A lab file's text, read once, and the lab it holds. */
    record Loaded(String text, Lab lab) {
        static Loaded of(Path file) {
            String text = LabLoader.read(file);
            return new Loaded(text, LabLoader.parse(file.toString(), text));
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

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
