package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * The IPv4 socket calls ICMP probes need: socket, bind, connect, getsockname, sendmsg with ancillary data,
 * recv, poll. Every call captures errno; failures name the call. Only LP64 layouts (x86-64, aarch64).
 */
final class InetCalls {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_UDP = 17;
    static final int SOL_IP = 0;
    static final int IP_TTL = 2;
    static final int IP_PKTINFO = 8;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_BINDTOIFINDEX = 62;
    static final int SOL_RAW = 255;
    static final int ICMP_FILTER = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int POLLIN = 0x1;
    static final int EAGAIN = LibC.EAGAIN;
    static final int SOCKADDR_IN_SIZE = 16;

    private static final MethodHandle SOCKET = LibC.capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = LibC.capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = LibC.capturing("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = LibC.capturing("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = LibC.capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDMSG = LibC.capturing("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = LibC.capturing("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle POLL = LibC.capturing("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private InetCalls() {
    }

    static int socket(int type, int protocol, String what) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            int fd = (int) SOCKET.invokeExact(state, AF_INET, type, protocol);
            if (fd < 0) {
                throw new NativeException("socket(" + what + ")", LibC.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** setsockopt with an int value; returns 0 or the errno. */
    static int setIntOption(int fd, int level, int option, int value) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, scratch.intValue(value), 4);
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** bind(fd, address:0); returns 0 or the errno. */
    static int bind(int fd, Inet4Address address) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            int rc = (int) BIND.invokeExact(state, fd, sockaddr(scratch, address, 0), SOCKADDR_IN_SIZE);
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** connect(fd, address:port), or dissolves the association when address is null; returns 0 or the errno. */
    static int connect(int fd, Inet4Address address, int port) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment sa = address == null ? scratch.allocate(SOCKADDR_IN_SIZE, 4) : sockaddr(scratch, address, port);
            if (address == null) {
                sa.set(JAVA_SHORT, 0, (short) AF_UNSPEC);
            }
            int rc = (int) CONNECT.invokeExact(state, fd, sa, SOCKADDR_IN_SIZE);
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static Inet4Address localAddress(int fd) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment sa = scratch.allocate(SOCKADDR_IN_SIZE, 4);
            MemorySegment len = scratch.intValue(SOCKADDR_IN_SIZE);
            int rc = (int) GETSOCKNAME.invokeExact(state, fd, sa, len);
            if (rc < 0) {
                throw new NativeException("getsockname", LibC.errno(state));
            }
            return inet4(sa.asSlice(4, 4).toArray(JAVA_BYTE));
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /**
     * sendmsg of one datagram to {@code destination}, with IP_TTL when {@code ttl > 0} and IP_PKTINFO when a source
     * or an interface is given (a raw socket takes both per packet, so one socket serves requests that differ in them).
     * Returns 0 or the errno.
     */
    static int sendTo(int fd, Inet4Address destination, byte[] data, int ttl, Inet4Address source, int ifindex) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment payload = scratch.allocate(Math.max(1, data.length), 8);
            MemorySegment.copy(data, 0, payload, JAVA_BYTE, 0, data.length);
            MemorySegment iov = scratch.allocate(16, 8);
            iov.set(ADDRESS, 0, payload);
            iov.set(JAVA_LONG, 8, data.length);
            boolean pktinfo = source != null || ifindex > 0;
            long controlLength = (ttl > 0 ? 24 : 0) + (pktinfo ? 32 : 0);
            MemorySegment control = controlLength == 0 ? MemorySegment.NULL : scratch.allocate(controlLength, 8);
            long at = 0;
            if (ttl > 0) {
                cmsg(control, at, 20, IP_TTL).set(JAVA_INT, at + 16, ttl);
                at += 24;
            }
            if (pktinfo) {
                cmsg(control, at, 28, IP_PKTINFO).set(JAVA_INT, at + 16, ifindex);
                if (source != null) {
                    MemorySegment.copy(source.getAddress(), 0, control, JAVA_BYTE, at + 20, 4);
                }
            }
            MemorySegment msg = scratch.allocate(56, 8);
            msg.set(ADDRESS, 0, sockaddr(scratch, destination, 0));
            msg.set(JAVA_INT, 8, SOCKADDR_IN_SIZE);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, controlLength);
            while (true) {
                long n = (long) SENDMSG.invokeExact(state, fd, msg, 0);
                if (n >= 0) {
                    return 0;
                }
                int errno = LibC.errno(state);
                if (errno != LibC.EINTR) {
                    return errno;
                }
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    private static MemorySegment cmsg(MemorySegment control, long at, long length, int type) {
        control.set(JAVA_LONG, at, length);
        control.set(JAVA_INT, at + 8, SOL_IP);
        control.set(JAVA_INT, at + 12, type);
        return control;
    }

    /** One datagram without blocking: its bytes, or null when none is queued. */
    static byte[] receiveNow(int fd, MemorySegment buffer, MemorySegment state) {
        try {
            while (true) {
                long n = (long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
                if (n >= 0) {
                    return buffer.asSlice(0, Math.min(n, buffer.byteSize())).toArray(JAVA_BYTE);
                }
                int errno = LibC.errno(state);
                if (errno == EAGAIN) {
                    return null;
                }
                if (errno != LibC.EINTR) {
                    throw new NativeException("recv(raw ICMP)", errno);
                }
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** Waits until fd is readable; false on timeout. */
    static boolean pollIn(int fd, int timeoutMillis) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment pollfd = scratch.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, (short) POLLIN);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int wait = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                int rc = (int) POLL.invokeExact(state, pollfd, 1L, wait);
                if (rc >= 0) {
                    return rc > 0;
                }
                int errno = LibC.errno(state);
                if (errno != LibC.EINTR) {
                    throw new NativeException("poll(raw ICMP)", errno);
                }
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    private static MemorySegment sockaddr(CallScratch scratch, Inet4Address address, int port) {
        MemorySegment sa = scratch.allocate(SOCKADDR_IN_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    static Inet4Address inet4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
