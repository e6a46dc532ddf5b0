package io.nslab.probe;

import io.nslab.model.IpAddress;

/**
 * Hears a ping as it runs, so that a command can print each line when iputils would: the {@code PING} line once the
 * sender's kernel has accepted the destination, then each reply or error as it arrives. Both worlds call it; the
 * simulator, which computes a ping at once, calls it after the fact in the same order.
 */
public interface PingListener {
    /** Heard nothing: for callers that want only the result. */
    PingListener NONE = new PingListener() {
    };

    /** The requests start; {@code source} is the address the kernel chose (iputils prints it for 0.0.0.0). */
    default void started(PingRequest request, IpAddress source) {
    }

    default void event(PingEvent event) {
    }
}
