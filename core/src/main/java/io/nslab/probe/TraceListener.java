package io.nslab.probe;

/**
 * Hears a traceroute as it runs: each hop once all its probes are answered or given up on, in TTL order, as
 * traceroute prints them. The simulator calls it after the fact in the same order.
 */
public interface TraceListener {
    TraceListener NONE = new TraceListener() {
    };

    /** The sender's kernel accepted the destination: traceroute prints its first line now. */
    default void started(TraceRequest request) {
    }

    default void hop(TraceHop hop) {
    }
}
