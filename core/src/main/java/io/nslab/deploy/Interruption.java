package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop, set from a signal handler (SIGINT, SIGTERM) and checked between ops, so
 * that {@code up} stops at an op boundary and rolls back instead of dying half-way.
 */
public final class Interruption {
    private final AtomicBoolean requested = new AtomicBoolean();

    public void request() {
        requested.set(true);
    }

    public boolean isRequested() {
        return requested.get();
    }

    public void check() {
        if (requested.get()) {
            throw new NslabException(ExitCode.ENVIRONMENT, "interrupted");
        }
    }
}
