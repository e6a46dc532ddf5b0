package io.nslab.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw ICMP socket (IPv4, or ICMPv6 with {@link #open6}) opened inside a network namespace, usable from any thread
 * afterwards: what {@code ping} and {@code traceroute -I} use when run as root.
 *
 * <p>Why raw rather than an ICMP datagram ("ping") socket: new namespaces have {@code ping_group_range = 1 0},
 * which refuses datagram ping sockets even to root, and a raw socket receives ICMP errors as whole packets, so
 * the offender's address and the quoted request (its id and sequence) come with them. A raw socket sees every
 * ICMP packet arriving in the namespace, so readers must filter on the echo id; {@code ICMP_FILTER} already
 * drops the types no prober wants (echo requests, timestamps...).
 *
 * <p>Alongside it sits a UDP socket for {@link #route}: connecting a UDP socket is how {@code ping} learns the
 * source address the kernel will use, and the kernel's refusal ({@code ENETUNREACH} for no route,
 * {@code EINVAL} for a blackhole route...), before sending anything.
 *
 * <p>The raw socket is non-blocking; read it with {@link #receive} or register it with a {@link DatagramPoller}. Both
 * give each packet with its IP header first; an IPv6 raw socket gets no header from the kernel, so one is made from
 * what recvmsg reports (sender, hop limit, destination).
 * <pre>{@code
 * try (IcmpSocket icmp = IcmpSocket.open(ns)) {
 *     InetAddress src = icmp.route(dst, null, 0);                // ping: connect: ... on failure
 *     icmp.send(dst, echoRequest, 64, null, 0);                    // ping -t 64
 *     Optional<byte[]> packet = icmp.receive(1000);                // IP header + ICMP message
 * }
 * }</pre>
 */
public final class IcmpSocket implements AutoCloseable {
    /** The port iputils connects its UDP probe socket to; any port does, nothing is sent. */
    private static final int PROBE_PORT = 1025;
    /** ICMP types kept by ICMP_FILTER: echo reply, destination unreachable, redirect, time exceeded, parameter problem. */
    private static final int WANTED_TYPES = (1 << 0) | (1 << 3) | (1 << 5) | (1 << 11) | (1 << 12);
    /** ICMPv6 types kept by ICMP6_FILTER: destination unreachable, packet too big, time exceeded, parameter problem, echo reply. */
    private static final int[] WANTED_TYPES_6 = {1, 2, 3, 4, 129};
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /** An IPv4 datagram of the largest ICMP message we send, with IP options. */
    static final int MAX_DATAGRAM = 65536;

    private final NetNs namespace;
    private final int family;
    private final int raw;
    private final int udp;
    /** The UDP socket is connected, read and disconnected as one step. */
    private final ReentrantLock routeLock = new ReentrantLock();
    private volatile boolean closed;

    private IcmpSocket(NetNs namespace, int family, int raw, int udp) {
        this.namespace = namespace;
        this.family = family;
        this.raw = raw;
        this.udp = udp;
    }

    /**
     * Opens the IPv4 sockets inside {@code namespace} (on a pooled platform thread, see {@link NetNs#call}). The
     * namespace handle must stay open while this socket may open further UDP sockets for {@link #route} with a
     * source or device.
     */
    public static IcmpSocket open(NetNs namespace) {
        return open(namespace, InetCalls.AF_INET);
    }

    /** Opens the IPv6 sockets (raw ICMPv6 and UDP) inside {@code namespace}, as {@link #open} does for IPv4. */
    public static IcmpSocket open6(NetNs namespace) {
        return open(namespace, InetCalls.AF_INET6);
    }

    private static IcmpSocket open(NetNs namespace, int family) {
        return namespace.call(() -> {
            boolean v6 = family == InetCalls.AF_INET6;
            int raw = InetCalls.socket(family, InetCalls.SOCK_RAW | InetCalls.SOCK_NONBLOCK | InetCalls.SOCK_CLOEXEC,
                    v6 ? InetCalls.IPPROTO_ICMPV6 : InetCalls.IPPROTO_ICMP,
                    v6 ? "AF_INET6, SOCK_RAW, IPPROTO_ICMPV6" : "AF_INET, SOCK_RAW, IPPROTO_ICMP");
            int udp = -1;
            try {
                if (v6) {
                    check(InetCalls.setOption(raw, InetCalls.IPPROTO_ICMPV6, InetCalls.ICMP6_FILTER, icmp6Filter()),
                            "setsockopt(ICMP6_FILTER)");
                    // the kernel gives raw IPv6 sockets no header: ask for what ping reads from one
                    check(InetCalls.setIntOption(raw, InetCalls.SOL_IPV6, InetCalls.IPV6_RECVHOPLIMIT, 1),
                            "setsockopt(IPV6_RECVHOPLIMIT)");
                    check(InetCalls.setIntOption(raw, InetCalls.SOL_IPV6, InetCalls.IPV6_RECVPKTINFO, 1),
                            "setsockopt(IPV6_RECVPKTINFO)");
                } else {
                    check(InetCalls.setIntOption(raw, InetCalls.SOL_RAW, InetCalls.ICMP_FILTER, ~WANTED_TYPES),
                            "setsockopt(ICMP_FILTER)");
                }
                // Every ICMP packet of the namespace lands here; a larger buffer survives bursts of replies.
                if (InetCalls.setIntOption(raw, InetCalls.SOL_SOCKET, InetCalls.SO_RCVBUFFORCE, RECEIVE_BUFFER_BYTES) != 0) {
                    InetCalls.setIntOption(raw, InetCalls.SOL_SOCKET, InetCalls.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                }
                udp = udpSocket(family);
                return new IcmpSocket(namespace, family, raw, udp);
            } catch (RuntimeException e) {
                FileCalls.close(raw);
                if (udp >= 0) {
                    FileCalls.close(udp);
                }
                throw e;
            }
        });
    }

    private static void check(int errno, String call) {
        if (errno != 0) {
            throw new NativeException(call, errno);
        }
    }

    /** struct icmp6_filter: eight 32-bit words in host order, a set bit blocks its type. */
    private static byte[] icmp6Filter() {
        int[] words = new int[8];
        java.util.Arrays.fill(words, -1);
        for (int type : WANTED_TYPES_6) {
            words[type >>> 5] &= ~(1 << (type & 31));
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.nativeOrder());
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }

    private static int udpSocket(int family) {
        return InetCalls.socket(family, InetCalls.SOCK_DGRAM | InetCalls.SOCK_CLOEXEC, InetCalls.IPPROTO_UDP,
                family == InetCalls.AF_INET6 ? "AF_INET6, SOCK_DGRAM, IPPROTO_UDP" : "AF_INET, SOCK_DGRAM, IPPROTO_UDP");
    }

    /** {@code AF_INET} (2) or {@code AF_INET6} (10): the family this socket probes. */
    public int family() {
        return family;
    }

    /**
     * The source address the kernel picks for {@code destination}, found as ping finds it: by connecting a UDP
     * socket (bound first to {@code source} and to interface {@code ifindex} when given, as {@code ping -I} does).
     * Throws a {@link NativeException} whose call is {@code connect(DST)} (or {@code bind(SRC)}) and whose errno is
     * the kernel's refusal: ENETUNREACH, EHOSTUNREACH, EINVAL (blackhole), EACCES (prohibit)...
     */
    public InetAddress route(InetAddress destination, InetAddress source, int ifindex) {
        ensureOpen();
        checkFamily(destination);
        if (source != null) {
            checkFamily(source);
        }
        if (source == null && ifindex <= 0) {
            routeLock.lock();
            try {
                return connectAndRead(udp, destination, 0);
            } finally {
                InetCalls.connect(udp, null, 0, 0); // AF_UNSPEC: forgets the peer and the source it picked
                routeLock.unlock();
            }
        }
        // A bind cannot be undone, so a bound probe gets its own socket, made inside the namespace.
        int fd = namespace.call(() -> udpSocket(family));
        try {
            if (ifindex > 0) {
                int errno = InetCalls.setIntOption(fd, InetCalls.SOL_SOCKET, InetCalls.SO_BINDTOIFINDEX, ifindex);
                if (errno != 0) {
                    throw new NativeException("setsockopt(SO_BINDTOIFINDEX, " + ifindex + ")", errno);
                }
            }
            if (source != null) {
                int errno = InetCalls.bind(fd, source);
                if (errno != 0) {
                    throw new NativeException("bind(" + source.getHostAddress() + ")", errno);
                }
            }
            return connectAndRead(fd, destination, destination.isLinkLocalAddress() ? ifindex : 0);
        } finally {
            FileCalls.close(fd);
        }
    }

    private static InetAddress connectAndRead(int fd, InetAddress destination, int scope) {
        int errno = InetCalls.connect(fd, destination, PROBE_PORT, scope);
        if (errno != 0) {
            throw new NativeException("connect(" + destination.getHostAddress() + ")", errno);
        }
        return InetCalls.localAddress(fd);
    }

    /**
     * Sends one ICMP message (header and data; the kernel adds the IP header) with TTL {@code ttl} (0: the
     * namespace's default), from {@code source} and out of interface {@code ifindex} when given. Returns 0 or the
     * errno of a refusal (ENETUNREACH when the route went away since {@link #route}, EHOSTUNREACH...).
     */
    public int send(InetAddress destination, byte[] icmpMessage, int ttl, InetAddress source, int ifindex) {
        ensureOpen();
        checkFamily(destination);
        int errno = InetCalls.sendTo(raw, destination, icmpMessage, ttl, source, ifindex);
        // A full send buffer is loss, as for ping; other errors are the kernel's answer.
        return errno == InetCalls.EAGAIN ? 0 : errno;
    }

    /** Waits up to {@code timeoutMillis} for one packet: the IP header followed by the ICMP message. */
    public Optional<byte[]> receive(int timeoutMillis) {
        ensureOpen();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(MAX_DATAGRAM);
            MemorySegment meta = arena.allocate(InetCalls.RECEIVE_META_SIZE, 8);
            MemorySegment state = LibC.callState(arena);
            while (true) {
                byte[] packet = receiveNow(buffer, meta, state);
                if (packet != null) {
                    return Optional.of(packet);
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || !InetCalls.pollIn(raw, (int) left)) {
                    return Optional.empty();
                }
            }
        }
    }

    /** One packet if one is queued (IP header first), else null; {@code meta} is scratch for recvmsg. */
    byte[] receiveNow(MemorySegment buffer, MemorySegment meta, MemorySegment state) {
        return family == InetCalls.AF_INET6 ? InetCalls.receive6Now(raw, buffer, meta, state)
                : InetCalls.receiveNow(raw, buffer, state);
    }

    private void checkFamily(InetAddress a) {
        if ((a instanceof Inet6Address) != (family == InetCalls.AF_INET6)) {
            throw new IllegalArgumentException(a.getHostAddress() + " is not an address of this "
                    + (family == InetCalls.AF_INET6 ? "IPv6" : "IPv4") + " socket");
        }
    }

    /** The raw socket's descriptor, for {@link DatagramPoller}. */
    int rawFd() {
        ensureOpen();
        return raw;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes both sockets. Unregister from a {@link DatagramPoller} first. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FileCalls.close(raw);
            FileCalls.close(udp);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ICMP socket in " + namespace.path() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "IcmpSocket[" + namespace.path() + (closed ? ", closed" : ", fd " + raw) + "]";
    }
}
