package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The calls of a packet ({@code AF_PACKET}) socket that {@link InetCalls} lacks: bind to a {@code sockaddr_ll},
 * recvmsg with the sender's link address and the timestamp, getsockopt of the socket's statistics. LP64 layouts.
 */
final class PacketCalls {
    static final int AF_PACKET = 17;
    /** Every protocol: what {@code tcpdump} binds to. */
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_PACKET = 263;
    static final int PACKET_STATISTICS = 6;
    static final int SO_ATTACH_FILTER = 26;
    /** SO_TIMESTAMPNS_OLD: a struct timespec of the moment the packet was seen, as SCM_TIMESTAMPNS. */
    static final int SO_TIMESTAMPNS = 35;
    static final int MSG_TRUNC = 0x20;
    /** {@code sizeof(struct sockaddr_ll)}. */
    static final int SOCKADDR_LL_SIZE = 20;
    /** sll_pkttype of a packet this host sent. */
    static final int PACKET_OUTGOING = 4;
    /** Room for recvmsg's header (56), its iovec (16), the sockaddr_ll (24) and the timestamp's cmsg (32). */
    static final int META_SIZE = 160;

    private static final MethodHandle BIND = LibC.capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = LibC.capturing("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = LibC.capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = LibC.capturing("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private PacketCalls() {
    }

    /** bind(fd, {AF_PACKET, protocol, ifindex}); returns 0 or the errno. */
    static int bind(int fd, int protocol, int ifindex) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment sa = scratch.allocate(SOCKADDR_LL_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_PACKET);
        sa.set(JAVA_SHORT, 2, Short.reverseBytes((short) protocol)); // network order
        sa.set(JAVA_INT, 4, ifindex);
        try {
            int rc = (int) BIND.invokeExact(scratch.state(), fd, sa, SOCKADDR_LL_SIZE);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** SO_ATTACH_FILTER with a classic BPF program of {@code code, jt, jf, k} quadruples; returns 0 or the errno. */
    static int attachFilter(int fd, int[] code, byte[] jt, byte[] jf, int[] k) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment program = scratch.allocate(8L * code.length, 8);
        for (int i = 0; i < code.length; i++) { // struct sock_filter { __u16 code; __u8 jt; __u8 jf; __u32 k; }
            program.set(JAVA_SHORT, 8L * i, (short) code[i]);
            program.set(JAVA_BYTE, 8L * i + 2, jt[i]);
            program.set(JAVA_BYTE, 8L * i + 3, jf[i]);
            program.set(JAVA_INT, 8L * i + 4, k[i]);
        }
        MemorySegment fprog = scratch.allocate(16, 8); // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        fprog.set(JAVA_SHORT, 0, (short) code.length);
        fprog.set(ADDRESS, 8, program);
        try {
            int rc = (int) SETSOCKOPT.invokeExact(scratch.state(), fd, InetCalls.SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /**
     * One frame without blocking into {@code buffer}, or -1 when none is queued. Returns the frame's length on the
     * wire (MSG_TRUNC: larger than the buffer when cut); {@code meta} (at least {@link #META_SIZE} bytes) then holds
     * the sender's sockaddr_ll at {@link #nameOffset()} and the timespec at {@link #timestampOffset()} (zero if none came).
     */
    static long receive(int fd, MemorySegment buffer, MemorySegment meta, MemorySegment state) {
        MemorySegment msg = meta.asSlice(0, 56).fill((byte) 0);
        MemorySegment iov = meta.asSlice(56, 16);
        MemorySegment name = meta.asSlice(72, 24).fill((byte) 0);
        MemorySegment control = meta.asSlice(96, 48).fill((byte) 0);
        meta.asSlice(144, 16).fill((byte) 0);
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, buffer.byteSize());
        msg.set(ADDRESS, 0, name);
        msg.set(JAVA_INT, 8, SOCKADDR_LL_SIZE);
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1);
        msg.set(ADDRESS, 32, control);
        msg.set(JAVA_LONG, 40, control.byteSize());
        try {
            long n;
            while (true) {
                n = (long) RECVMSG.invokeExact(state, fd, msg, MSG_TRUNC | InetCalls.MSG_DONTWAIT);
                if (n >= 0) {
                    break;
                }
                int errno = LibC.errno(state);
                if (errno == LibC.EAGAIN) {
                    return -1;
                }
                if (errno != LibC.EINTR) {
                    throw new NativeException("recvmsg(AF_PACKET)", errno);
                }
            }
            long controlLength = msg.get(JAVA_LONG, 40);
            for (long at = 0; at + 16 <= controlLength; ) {
                long len = control.get(JAVA_LONG, at);
                if (len < 16 || at + len > controlLength) {
                    break;
                }
                if (control.get(JAVA_INT, at + 8) == InetCalls.SOL_SOCKET && control.get(JAVA_INT, at + 12) == SO_TIMESTAMPNS
                        && len >= 32) {
                    MemorySegment.copy(control, at + 16, meta, 144, 16);
                }
                at += (len + 7) & ~7L;
            }
            return n;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static long nameOffset() {
        return 72;
    }

    static long timestampOffset() {
        return 144;
    }

    /** PACKET_STATISTICS: {tp_packets, tp_drops} since the last read (the kernel resets them), or null on failure. */
    static int[] statistics(int fd) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment stats = scratch.allocate(8, 4);
        MemorySegment len = scratch.intValue(8);
        try {
            int rc = (int) GETSOCKOPT.invokeExact(scratch.state(), fd, SOL_PACKET, PACKET_STATISTICS, stats, len);
            return rc < 0 ? null : new int[] {stats.get(JAVA_INT, 0), stats.get(JAVA_INT, 4)};
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }
}
