package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * A packet socket ({@code AF_PACKET, SOCK_RAW}) bound to one interface of a network namespace: every frame the
 * interface sends or receives, whole, with the kernel's timestamp, as {@code tcpdump -i IFACE} sees them. Opened
 * inside the namespace (on a thread that joined it, see {@link NetNs#call}); usable from any thread afterwards.
 *
 * <p>The socket is made with protocol 0, which receives nothing, then given its filter, then bound to
 * {@code ETH_P_ALL} and the interface: so no frame of another interface, and none the filter refuses, is ever
 * queued (libpcap drains what arrives before its filter is set; this order makes that unnecessary).
 * <pre>{@code
 * try (PacketSocket s = PacketSocket.open(ns, ifindex, List.of(), 262144)) {   // tcpdump -i eth0
 *     Optional<PacketSocket.Frame> f = s.receive(100);
 * }
 * }</pre>
 */
public final class PacketSocket implements AutoCloseable {
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    /** One classic BPF instruction ({@code struct sock_filter}), as {@code tcpdump -dd} prints it. */
    public record Instruction(int code, int jt, int jf, int k) {
        public Instruction {
            if (code < 0 || code > 0xffff || jt < 0 || jt > 255 || jf < 0 || jf > 255) {
                throw new IllegalArgumentException("not a BPF instruction: " + code + ", " + jt + ", " + jf + ", " + k);
            }
        }
    }

    /**
     * A frame as captured: its first bytes (at most the snap length), its length on the wire, when the kernel saw it
     * (nanoseconds since the epoch, {@code SO_TIMESTAMPNS}) and whether this host sent it ({@code PACKET_OUTGOING}).
     */
    public record Frame(byte[] data, int length, long epochNanos, boolean outgoing) {
    }

    /** What the kernel counted since the socket opened: frames the filter let through, and of them those it dropped. */
    public record Statistics(long received, long dropped) {
    }

    private final int fd;
    private final int ifindex;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final MemorySegment meta;
    private final MemorySegment state;
    private long received;
    private long dropped;
    private volatile boolean closed;

    private PacketSocket(int fd, int ifindex, int snaplen) {
        this.fd = fd;
        this.ifindex = ifindex;
        this.buffer = arena.allocate(snaplen, 8);
        this.meta = arena.allocate(PacketCalls.META_SIZE, 8);
        this.state = LibC.callState(arena);
    }

    /**
     * Equivalent to what {@code tcpdump -i IFACE -s SNAPLEN FILTER} opens inside {@code namespace}: a socket on interface
     * {@code ifindex}, with {@code filter} (empty: every frame) attached. A refusal is a {@link NativeException} naming
     * the call: {@code socket(AF_PACKET, SOCK_RAW)} with EPERM without CAP_NET_RAW, {@code bind} with ENODEV for an
     * interface that went away.
     */
    public static PacketSocket open(NetNs namespace, int ifindex, List<Instruction> filter, int snaplen) {
        if (snaplen < 64) {
            throw new IllegalArgumentException("snap length " + snaplen + " is below 64");
        }
        return namespace.call(() -> {
            int fd = InetCalls.socket(PacketCalls.AF_PACKET, InetCalls.SOCK_RAW | InetCalls.SOCK_NONBLOCK | InetCalls.SOCK_CLOEXEC, 0,
                    "AF_PACKET, SOCK_RAW");
            try {
                if (!filter.isEmpty()) {
                    int n = filter.size();
                    int[] code = new int[n];
                    byte[] jt = new byte[n];
                    byte[] jf = new byte[n];
                    int[] k = new int[n];
                    for (int i = 0; i < n; i++) {
                        Instruction in = filter.get(i);
                        code[i] = in.code();
                        jt[i] = (byte) in.jt();
                        jf[i] = (byte) in.jf();
                        k[i] = in.k();
                    }
                    check(PacketCalls.attachFilter(fd, code, jt, jf, k), "setsockopt(SO_ATTACH_FILTER)");
                }
                check(InetCalls.setIntOption(fd, InetCalls.SOL_SOCKET, PacketCalls.SO_TIMESTAMPNS, 1), "setsockopt(SO_TIMESTAMPNS)");
                // a burst (a flood ping) must not overflow the default 208 KiB while the reader writes a file
                if (InetCalls.setIntOption(fd, InetCalls.SOL_SOCKET, InetCalls.SO_RCVBUFFORCE, RECEIVE_BUFFER_BYTES) != 0) {
                    InetCalls.setIntOption(fd, InetCalls.SOL_SOCKET, InetCalls.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                }
                check(PacketCalls.bind(fd, PacketCalls.ETH_P_ALL, ifindex), "bind(AF_PACKET, ifindex " + ifindex + ")");
                return new PacketSocket(fd, ifindex, snaplen);
            } catch (RuntimeException e) {
                FileCalls.close(fd);
                throw e;
            }
        });
    }

    private static void check(int errno, String call) {
        if (errno != 0) {
            throw new NativeException(call, errno);
        }
    }

    /** The interface this socket is bound to. */
    public int ifindex() {
        return ifindex;
    }

    /** Waits up to {@code timeoutMillis} for one frame. Not for concurrent use by several threads. */
    public Optional<Frame> receive(int timeoutMillis) {
        ensureOpen();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long n = PacketCalls.receive(fd, buffer, meta, state);
            if (n >= 0) {
                int kept = (int) Math.min(n, buffer.byteSize());
                long sec = meta.get(JAVA_LONG, PacketCalls.timestampOffset());
                long nsec = meta.get(JAVA_LONG, PacketCalls.timestampOffset() + 8);
                long at = sec == 0 && nsec == 0 ? System.currentTimeMillis() * 1_000_000L : sec * 1_000_000_000L + nsec;
                int pkttype = meta.get(JAVA_BYTE, PacketCalls.nameOffset() + 10) & 0xff;
                return Optional.of(new Frame(buffer.asSlice(0, kept).toArray(JAVA_BYTE), (int) n, at,
                        pkttype == PacketCalls.PACKET_OUTGOING));
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !InetCalls.pollIn(fd, (int) left)) {
                return Optional.empty();
            }
        }
    }

    /** The kernel's counts since this socket opened (libpcap's {@code ps_recv}, {@code ps_drop}). */
    public Statistics statistics() {
        ensureOpen();
        int[] s = PacketCalls.statistics(fd);
        if (s != null) { // each read resets the kernel's counters
            received += Integer.toUnsignedLong(s[0]);
            dropped += Integer.toUnsignedLong(s[1]);
        }
        return new Statistics(received, dropped);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FileCalls.close(fd);
            arena.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("packet socket on ifindex " + ifindex + " is closed");
        }
    }

    @Override
    public String toString() {
        return "PacketSocket[ifindex " + ifindex + (closed ? ", closed" : ", fd " + fd) + "]";
    }
}
