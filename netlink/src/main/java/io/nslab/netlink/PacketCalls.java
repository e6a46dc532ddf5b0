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
 * The calls of a packet ({@code AF_PACKET}) socket that {@link InetCalls} lacks: bind to a {@code sockaddr_ll}, the
 * filter, the TPACKET_V3 receive ring and its mmap, getsockopt of the socket's statistics. LP64 layouts.
 */
final class PacketCalls {
    static final int AF_PACKET = 17;
    /** Every protocol: what {@code tcpdump} binds to. */
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_PACKET = 263;
    static final int PACKET_STATISTICS = 6;
    static final int SO_ATTACH_FILTER = 26;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_VERSION = 10;
    static final int TPACKET_V3 = 2;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    /** {@code sizeof(struct sockaddr_ll)}. */
    static final int SOCKADDR_LL_SIZE = 20;
    /** sll_pkttype of a packet this host sent. */
    static final int PACKET_OUTGOING = 4;

    private static final MethodHandle BIND = LibC.capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MMAP = LibC.capturing("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = LibC.plain("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
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

    /** setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V3) then PACKET_RX_RING of {@code blocks} blocks; 0 or the errno. */
    static int rxRing(int fd, int blockSize, int blocks, int frameSize, int retireMillis) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment version = scratch.intValue(TPACKET_V3);
        MemorySegment req = scratch.allocate(28, 4); // struct tpacket_req3
        req.set(JAVA_INT, 0, blockSize);
        req.set(JAVA_INT, 4, blocks);
        req.set(JAVA_INT, 8, frameSize);
        req.set(JAVA_INT, 12, (int) ((long) blockSize * blocks / frameSize));
        req.set(JAVA_INT, 16, retireMillis);
        try {
            int rc = (int) SETSOCKOPT.invokeExact(scratch.state(), fd, SOL_PACKET, PACKET_VERSION, version, 4);
            if (rc < 0) {
                return scratch.errno();
            }
            rc = (int) SETSOCKOPT.invokeExact(scratch.state(), fd, SOL_PACKET, PACKET_RX_RING, req, 28);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** mmap of the socket's ring, shared with the kernel; the segment is {@code length} bytes long. */
    static MemorySegment map(int fd, long length) {
        CallScratch scratch = CallScratch.begin();
        try {
            MemorySegment at = (MemorySegment) MMAP.invokeExact(scratch.state(), MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0L);
            if (at.address() == -1L) {
                throw new NativeException("mmap(AF_PACKET ring, " + length + " bytes)", scratch.errno());
            }
            return at.reinterpret(length);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static void unmap(MemorySegment ring) {
        try {
            int unused = (int) MUNMAP.invokeExact(ring, ring.byteSize());
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
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
