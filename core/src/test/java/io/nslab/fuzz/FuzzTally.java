package io.nslab.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one fuzz target's inputs, crashes and hangs, keeps the first failing inputs under
 * {@code target/fuzz/} for a rerun by hand, and writes the target's figures there for
 * {@code bench/fuzz.sh} to add up.
 */
public final class FuzzTally {
    private static final Path DIR = Path.of("target", "fuzz");
    private static final int KEPT = 20;

    private final String target;
    private final Bounded bounded;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final AtomicLong hangs = new AtomicLong();
    private final AtomicLong kernelChanges = new AtomicLong();
    private final long started = System.nanoTime();

    public FuzzTally(String target, Duration bound) {
        this.target = target;
        this.bounded = new Bounded(bound);
    }

    /**
     * Runs {@code check} on {@code input} within the bound; a crash or a hang is counted, the input kept,
     * and an {@link AssertionError} thrown so that the property fails (and shrinks the input).
     */
    public void check(String input, Runnable check) {
        inputs.incrementAndGet();
        switch (bounded.run(check)) {
            case Bounded.Outcome.Clean ignored -> {
            }
            case Bounded.Outcome.Crash c -> {
                keep("crash", crashes.incrementAndGet(), input);
                throw new AssertionError(target + ": crash on input " + excerpt(input) + ": " + c.error(), c.error());
            }
            case Bounded.Outcome.Hang h -> {
                keep("hang", hangs.incrementAndGet(), input);
                throw new AssertionError(target + ": no answer within " + h.bound().toMillis() + " ms on input " + excerpt(input));
            }
        }
    }

    public void kernelChanges(long n) {
        kernelChanges.addAndGet(n);
    }

    public long inputs() {
        return inputs.get();
    }

    /** {@code inputs: N, crashes: C, hangs: H, kernel changes: K} */
    public String figures() {
        return "inputs: " + inputs + ", crashes: " + crashes + ", hangs: " + hangs + ", kernel changes: " + kernelChanges;
    }

    /** Prints the figures and writes them to {@code target/fuzz/TARGET.figures}. */
    public void report() {
        long ms = (System.nanoTime() - started) / 1_000_000;
        String line = figures() + ", seconds: " + ms / 1000.0;
        System.out.println("fuzz " + target + ": " + line);
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(target + ".figures"), line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void keep(String kind, long n, String input) {
        if (n > KEPT) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(target + "-" + kind + "-" + n + ".txt"), input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String excerpt(String s) {
        String t = s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
        return "\"" + t.replace("\n", "\\n") + "\"";
    }
}
