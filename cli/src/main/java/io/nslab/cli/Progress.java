package io.nslab.cli;

import io.nslab.op.Op;

import java.io.PrintWriter;

/** A one-line progress bar on a terminal for labs large enough to wait for; silent otherwise. */
final class Progress {
    private static final int MIN_NODES = 36;
    private final PrintWriter err;
    private final boolean active;
    private int done;
    private long lastDraw;

    private Progress(PrintWriter err, boolean active) {
        this.err = err;
        this.active = active;
    }

    static Progress forOps(PrintWriter err, int nodes) {
        return new Progress(err, System.console() != null && System.console().isTerminal() && nodes > MIN_NODES);
    }

    void step(Op op) {
        done++;
        if (!active) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw > 50_000_000L) {
            lastDraw = now;
            err.print("\r\u001b[K" + done + " changes applied: " + op.command());
            err.flush();
        }
    }

    void done() {
        if (active) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
