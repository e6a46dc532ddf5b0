package io.nslab.netlink;

import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.NetlinkFlags;

/**
 * Root qdiscs ({@code RTM_NEWQDISC}, {@code RTM_DELQDISC}), encoded as iproute2's {@code tc} 6.1 encodes them, byte for
 * byte: token bucket ({@code tbf}) with tc's rate table, and {@code netem} delay.
 */
final class QdiscCodec {
    static final int RTM_NEWQDISC = 36;
    static final int RTM_DELQDISC = 37;
    static final int TC_H_ROOT = 0xFFFFFFFF;
    private static final int TCA_KIND = 1;
    private static final int TCA_OPTIONS = 2;
    private static final int TCA_TBF_PARMS = 1;
    private static final int TCA_TBF_RTAB = 2;
    private static final int TCA_TBF_BURST = 6;
    private static final int LINKLAYER_ETHERNET = 1;
    /**
     * tc's ticks per microsecond: /proc/net/psched's t2us / us2t (1000 / 64), fixed since Linux 2.6.31 (the kernel
     * turns ticks into nanoseconds by a shift of 6).
     */
    private static final double TICKS_PER_USEC = 1000.0 / 64;
    private static final int TIME_UNITS_PER_SEC = 1_000_000;

    private QdiscCodec() {
    }

    /** tc's tc_calc_xmittime: the ticks {@code size} bytes take at {@code rate} bytes/s (microseconds truncated first). */
    static int xmittime(long rate, long size) {
        long usec = (long) (TIME_UNITS_PER_SEC * ((double) size / (double) rate)) & 0xFFFFFFFFL;
        return (int) (long) (usec * TICKS_PER_USEC);
    }

    /** Equivalent to: {@code tc qdisc replace dev DEV root tbf rate RATE burst BURST latency LATENCY}. */
    static Request tbf(int ifindex, long rateBytes, int burst, long latencyUsec) {
        if (rateBytes <= 0 || rateBytes >= 1L << 32) {
            throw new IllegalArgumentException("tbf rate " + rateBytes + " bytes/s: between 1 and 2^32-1");
        }
        String cmd = "tc qdisc replace dev " + ifindex + " root tbf rate " + rateBytes * 8 + "bit burst " + burst
                + "b latency " + latencyUsec + "us";
        int cellLog = 0;
        while ((2047 >> cellLog) > 255) { // tc_calc_rtable with the default mtu 2047
            cellLog++;
        }
        int buffer = xmittime(rateBytes, burst);
        long limit = (long) (rateBytes * (double) latencyUsec / TIME_UNITS_PER_SEC + burst);
        int shift = cellLog;
        return new Request(RTM_NEWQDISC, NetlinkFlags.CREATE | NetlinkFlags.REPLACE, cmd, b -> {
            tcmsg(b, ifindex);
            b.attrString(TCA_KIND, "tbf");
            int opts = b.beginNested(TCA_OPTIONS);
            MessageBuilder parms = new MessageBuilder();
            ratespec(parms, shift, rateBytes);
            parms.u32(0).u32(0).u32(0); // no peak rate
            parms.u32((int) limit).u32(buffer).u32(0);
            b.attr(TCA_TBF_PARMS, parms.toByteArray());
            b.attrU32(TCA_TBF_BURST, burst);
            MessageBuilder rtab = new MessageBuilder(1024);
            for (int i = 0; i < 256; i++) {
                rtab.u32(xmittime(rateBytes, (long) (i + 1) << shift));
            }
            b.attr(TCA_TBF_RTAB, rtab.toByteArray());
            b.endNested(opts);
        });
    }

    /** Equivalent to: {@code tc qdisc replace dev DEV root netem delay DELAY JITTER}. */
    static Request netemDelay(int ifindex, long delayUsec, long jitterUsec) {
        String cmd = "tc qdisc replace dev " + ifindex + " root netem delay " + delayUsec + "us " + jitterUsec + "us";
        return new Request(RTM_NEWQDISC, NetlinkFlags.CREATE | NetlinkFlags.REPLACE, cmd, b -> {
            tcmsg(b, ifindex);
            b.attrString(TCA_KIND, "netem");
            MessageBuilder q = new MessageBuilder(); // struct tc_netem_qopt, not nested: netem's own layout
            q.u32((int) (long) (delayUsec * TICKS_PER_USEC)).u32(1000).u32(0).u32(0).u32(0)
                    .u32((int) (long) (jitterUsec * TICKS_PER_USEC));
            b.attr(TCA_OPTIONS, q.toByteArray());
        });
    }

    /** Equivalent to: {@code tc qdisc del dev DEV root}. */
    static Request deleteRoot(int ifindex) {
        return new Request(RTM_DELQDISC, 0, "tc qdisc del dev " + ifindex + " root", b -> tcmsg(b, ifindex));
    }

    private static void tcmsg(MessageBuilder b, int ifindex) {
        b.u8(0).u8(0).u16(0).u32(ifindex).u32(0).u32(TC_H_ROOT).u32(0);
    }

    /** struct tc_ratespec as tc_calc_rtable leaves it: cell_log, linklayer ethernet, cell_align -1. */
    private static void ratespec(MessageBuilder b, int cellLog, long rate) {
        b.u8(cellLog).u8(LINKLAYER_ETHERNET).u16(0).u16(0xFFFF).u16(0).u32((int) rate);
    }
}
