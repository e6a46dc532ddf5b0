package io.nslab.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A NETLINK_ROUTE socket configured the way a library should talk to the kernel: extended ACK (the kernel says
 * why), capped ACKs (acks do not echo whole requests), strict checking (the kernel rejects what it would ignore,
 * and filters dumps), and buffers large enough for batches of thousands of requests.
 */
final class NetlinkSocket implements AutoCloseable {
    /**
     * Receive buffer per request. The kernel caps dump datagrams near 32 KiB, so 64 KiB holds any of them;
     * a larger one is reported as truncated rather than misread.
     */
    static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int SEND_BUFFER_BYTES = 4 << 20;
    private static final int RECEIVE_BUFFER_BYTES = 16 << 20;

    private final int fd;
    private volatile boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens an rtnetlink socket in the calling thread's network namespace. */
    static NetlinkSocket open() {
        return open(SocketCalls.NETLINK_ROUTE);
    }

    /** Opens a socket of a netlink protocol ({@code NETLINK_ROUTE}, {@code NETLINK_NETFILTER}) in the calling thread's namespace. */
    static NetlinkSocket open(int protocol) {
        int fd = SocketCalls.socket(SocketCalls.AF_NETLINK, SocketCalls.SOCK_RAW | SocketCalls.SOCK_CLOEXEC,
                protocol);
        try {
            require(fd, SocketCalls.SOL_NETLINK, SocketCalls.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            require(fd, SocketCalls.SOL_NETLINK, SocketCalls.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            require(fd, SocketCalls.SOL_NETLINK, SocketCalls.NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
            // The FORCE variants pass the net.core.[rw]mem_max limits but need CAP_NET_ADMIN; fall back without.
            if (SocketCalls.setIntOption(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_SNDBUFFORCE, SEND_BUFFER_BYTES) != 0) {
                require(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_SNDBUF, SEND_BUFFER_BYTES, "SO_SNDBUF");
            }
            if (SocketCalls.setIntOption(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUFFORCE,
                    RECEIVE_BUFFER_BYTES) != 0) {
                require(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUF, RECEIVE_BUFFER_BYTES, "SO_RCVBUF");
            }
            SocketCalls.bindNetlink(fd);
            return new NetlinkSocket(fd);
        } catch (RuntimeException e) {
            FileCalls.close(fd);
            throw e;
        }
    }

    int fd() {
        return fd;
    }

    void send(byte[] data, int offset, int length) {
        SocketCalls.sendToKernel(fd, data, offset, length);
    }

    /**
     * Receives one datagram and copies it to the heap; throws on timeout or truncation. The datagram lands in
     * this thread's receive buffer first, of {@link #RECEIVE_BUFFER} bytes.
     */
    ByteBuffer receive(int timeoutMillis) {
        MemorySegment buffer = CallScratch.begin().receiveBuffer(RECEIVE_BUFFER);
        long n = SocketCalls.receive(fd, buffer, timeoutMillis);
        if (n < 0) {
            throw new NativeException("recv(netlink) after " + timeoutMillis + " ms", LibC.ETIMEDOUT);
        }
        if (n > buffer.byteSize()) {
            throw new IllegalStateException("netlink datagram of " + n + " bytes exceeds " + buffer.byteSize());
        }
        byte[] copy = buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        return ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
    }

    /**
     * Receives one datagram if one is already queued, without waiting: for answers the kernel has certainly
     * queued by the time {@code sendmsg} returned, since it handles requests within that call.
     */
    java.util.Optional<ByteBuffer> receiveQueued() {
        MemorySegment buffer = CallScratch.begin().receiveBuffer(RECEIVE_BUFFER);
        long n = SocketCalls.receive(fd, buffer, 0);
        if (n < 0) {
            return java.util.Optional.empty();
        }
        if (n > buffer.byteSize()) {
            throw new IllegalStateException("netlink datagram of " + n + " bytes exceeds " + buffer.byteSize());
        }
        byte[] copy = buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        return java.util.Optional.of(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FileCalls.close(fd);
        }
    }

    private static void require(int fd, int level, int option, int value, String name) {
        int errno = SocketCalls.setIntOption(fd, level, option, value);
        if (errno != 0) {
            throw new NativeException("setsockopt(" + name + ")", errno);
        }
    }
}
