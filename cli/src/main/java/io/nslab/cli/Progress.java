package io.nslab.cli;

import io.nslab.op.Op;

import java.io.PrintWriter;

/**
 * A one-line progress report on stderr, on a terminal only (a pipe or a CI log gets none): the changes of a large
 * {@code up}, or the pings of a long {@code check --all-pairs} once it has run for {@link #after} seconds.
 */
final class Progress {
    private static final int MIN_NODES = 36;
    /** A count shows after this long; quick runs print nothing. A system property so tests need not wait. */
    private static final long AFTER_NANOS = Long.getLong("nslab.progressAfterMillis", 2000) * 1_000_000L;

    private final PrintWriter err;
    private final boolean active;
    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private final long after;
    private int done;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter err, boolean active, String what, int total, long after) {
        this.err = err;
        this.active = active;
        this.what = what;
        this.total = total;
        this.after = after;
    }

    static boolean onTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    static Progress forOps(PrintWriter err, int nodes) {
        return new Progress(err, onTerminal() && nodes > MIN_NODES, "changes applied", 0, 0);
    }

    /** {@code what: done/total}, from {@link #AFTER_NANOS} on. */
    static Progress counting(PrintWriter err, String what, int total) {
        return new Progress(err, onTerminal(), what, total, AFTER_NANOS);
    }

    synchronized void step(Op op) {
        done++;
        draw(done + " " + what + ": " + op.command());
    }

    synchronized void step() {
        done++;
        draw(what + ": " + done + "/" + total);
    }

    private void draw(String line) {
        if (!active) {
            return;
        }
        long now = System.nanoTime();
        if (now - start >= after && now - lastDraw > 50_000_000L) {
            lastDraw = now;
            drawn = true;
            err.print("\r\u001b[K" + line);
            err.flush();
        }
    }

    synchronized void done() {
        if (active && drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
