package io.nslab.sim;

/**
 * Sees every frame the simulator moves across a device, in the order the kernel would put them on the wire: what
 * {@code nslab ping --sim --pcap} writes to its capture files. The simulator calls it; it must not change the network.
 */
public interface WireTap {
    /** The tap of a network nobody watches. */
    WireTap NONE = c -> {
    };

    /** Ping is about to send echo request {@code seq}: the echo frames that follow (and the errors quoting them) carry it. */
    default void echoSequence(int seq) {
    }

    void crossed(WireCrossing crossing);
}
