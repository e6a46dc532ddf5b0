package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** socket, bind, setsockopt, sendto, recv, poll: the calls a netlink socket needs. */
final class SocketCalls {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int NETLINK_NETFILTER = 12;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int NETLINK_GET_STRICT_CHK = 12;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int POLLIN = 0x1;
    /** {@code sizeof(struct sockaddr_nl)}: family, pad, pid, groups. */
    static final int SOCKADDR_NL_SIZE = 12;

    private static final MethodHandle SOCKET = LibC.capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = LibC.capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = LibC.capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = LibC.capturing("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = LibC.capturing("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle POLL = LibC.capturing("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private SocketCalls() {
    }

    static int socket(int domain, int type, int protocol) {
        CallScratch scratch = CallScratch.begin();
        int fd;
        try {
            fd = (int) SOCKET.invokeExact(scratch.state(), domain, type, protocol);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (fd < 0) {
            throw new NativeException("socket(AF_NETLINK)", scratch.errno());
        }
        return fd;
    }

    /** Binds a netlink socket to a kernel-chosen port id and no multicast groups. */
    static void bindNetlink(int fd) {
        CallScratch scratch = CallScratch.begin();
        int rc;
        try {
            rc = (int) BIND.invokeExact(scratch.state(), fd, kernelAddress(scratch), SOCKADDR_NL_SIZE);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("bind(AF_NETLINK)", scratch.errno());
        }
    }

    /** setsockopt with an int value; returns 0 or the errno, so callers can fall back (e.g. without CAP_NET_ADMIN). */
    static int setIntOption(int fd, int level, int option, int value) {
        CallScratch scratch = CallScratch.begin();
        try {
            int rc = (int) SETSOCKOPT.invokeExact(scratch.state(), fd, level, option, scratch.intValue(value), 4);
            return rc < 0 ? scratch.errno() : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** Sends one datagram to the kernel (port 0): {@code length} bytes of {@code data} from {@code offset}. */
    static void sendToKernel(int fd, byte[] data, int offset, int length) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment kernel = kernelAddress(scratch);
        MemorySegment segment = scratch.sendBuffer(data, offset, length);
        try {
            while (true) {
                long n = (long) SENDTO.invokeExact(scratch.state(), fd, segment, segment.byteSize(), 0, kernel,
                        SOCKADDR_NL_SIZE);
                if (n >= 0) {
                    return;
                }
                int errno = scratch.errno();
                if (errno != LibC.EINTR) {
                    throw new NativeException("sendto(netlink)", errno);
                }
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /**
     * Receives one datagram into {@code buffer}; returns its full length (which may exceed the buffer:
     * MSG_TRUNC), or -1 if nothing arrives within the timeout.
     */
    static long receive(int fd, MemorySegment buffer, int timeoutMillis) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment pollfd = scratch.allocate(8, 4);
        try {
            while (true) {
                long n = (long) RECV.invokeExact(scratch.state(), fd, buffer, buffer.byteSize(), MSG_TRUNC | MSG_DONTWAIT);
                if (n >= 0) {
                    return n;
                }
                int errno = scratch.errno();
                if (errno == LibC.EAGAIN) {
                    if (!pollIn(scratch, pollfd, fd, timeoutMillis)) {
                        return -1;
                    }
                } else if (errno != LibC.EINTR) {
                    throw new NativeException("recv(netlink)", errno);
                }
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    private static boolean pollIn(CallScratch scratch, MemorySegment pollfd, int fd, int timeoutMillis) throws Throwable {
        pollfd.set(JAVA_INT, 0, fd);
        pollfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
        while (true) {
            int rc = (int) POLL.invokeExact(scratch.state(), pollfd, 1L, timeoutMillis);
            if (rc >= 0) {
                return rc > 0;
            }
            int errno = scratch.errno();
            if (errno != LibC.EINTR) {
                throw new NativeException("poll(netlink)", errno);
            }
        }
    }

    /** The kernel's netlink address (port 0, no groups), which is also what binding to any port asks for. */
    private static MemorySegment kernelAddress(CallScratch scratch) {
        MemorySegment addr = scratch.allocate(SOCKADDR_NL_SIZE, 4);
        addr.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
        return addr;
    }
}
