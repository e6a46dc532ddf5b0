package io.nslab.netlink;

import java.time.Duration;

/** Root queueing disciplines of a device: what leaves it. Obtained from {@link Netlink#qdiscs()}. */
public final class QdiscOps {
    private final Netlink netlink;

    QdiscOps(Netlink netlink) {
        this.netlink = netlink;
    }

    /**
     * A token bucket on what leaves {@code dev}: at most {@code bitsPerSecond} on average, {@code burstBytes} at once,
     * packets waiting at most {@code latency} before they are dropped.
     * Equivalent to: {@code tc qdisc replace dev DEV root tbf rate RATEbit burst BURSTb latency LATENCY}
     */
    public void replaceTbf(String dev, long bitsPerSecond, int burstBytes, Duration latency) {
        netlink.execute(QdiscCodec.tbf(netlink.links().indexOf(dev), bitsPerSecond / 8, burstBytes, latency.toNanos() / 1000));
    }

    /**
     * Delays what leaves {@code dev} by {@code delay}, give or take {@code jitter}. Needs sch_netem; a kernel without
     * it refuses with ENOENT ("Specified qdisc kind is unknown").
     * Equivalent to: {@code tc qdisc replace dev DEV root netem delay DELAY JITTER}
     */
    public void replaceNetemDelay(String dev, Duration delay, Duration jitter) {
        netlink.execute(QdiscCodec.netemDelay(netlink.links().indexOf(dev), delay.toNanos() / 1000, jitter.toNanos() / 1000));
    }

    /** Equivalent to: {@code tc qdisc del dev DEV root} (the device's default qdisc comes back). */
    public void deleteRoot(String dev) {
        netlink.execute(QdiscCodec.deleteRoot(netlink.links().indexOf(dev)));
    }
}
