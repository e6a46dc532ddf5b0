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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * The socket calls ICMP probes need, IPv4 and IPv6: socket, bind, connect, getsockname, sendmsg with ancillary
 * data, recv and recvmsg, poll. Every call captures errno; failures name the call. Only LP64 layouts (x86-64,
 * aarch64).
 */
final class InetCalls {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ICMPV6 = 58;
    static final int SOL_IPV6 = 41;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    /** setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER): a 256-bit set of ICMPv6 types, a set bit blocks the type. */
    static final int ICMP6_FILTER = 1;
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
    static final int SOCKADDR_IN6_SIZE = 28;
    /** Room for recvmsg's header, its iovec, the sender's sockaddr_in6 and two control messages. */
    static final int RECEIVE_META_SIZE = 256;

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
    private static final MethodHandle RECVMSG = LibC.capturing("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = LibC.capturing("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private InetCalls() {
    }

    static int socket(int type, int protocol, String what) {
        return socket(AF_INET, type, protocol, what);
    }

    static int socket(int family, int type, int protocol, String what) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            int fd = (int) SOCKET.invokeExact(state, family, type, protocol);
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

    /** setsockopt with a value of bytes; returns 0 or the errno. */
    static int setOption(int fd, int level, int option, byte[] value) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment v = scratch.allocate(value.length, 8);
            MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, level, option, v, value.length);
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** bind(fd, address:0); returns 0 or the errno. */
    static int bind(int fd, InetAddress address) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment sa = sockaddr(scratch, address, 0, 0);
            int rc = (int) BIND.invokeExact(state, fd, sa, (int) sa.byteSize());
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /**
     * connect(fd, address:port) ({@code scope}: the interface of an IPv6 link-local address, else 0), or dissolves
     * the association when address is null; returns 0 or the errno.
     */
    static int connect(int fd, InetAddress address, int port, int scope) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment sa = address == null ? scratch.allocate(SOCKADDR_IN_SIZE, 4) : sockaddr(scratch, address, port, scope);
            if (address == null) {
                sa.set(JAVA_SHORT, 0, (short) AF_UNSPEC);
            }
            int rc = (int) CONNECT.invokeExact(state, fd, sa, (int) sa.byteSize());
            return rc < 0 ? LibC.errno(state) : 0;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static InetAddress localAddress(int fd) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        try {
            MemorySegment sa = scratch.allocate(SOCKADDR_IN6_SIZE, 4);
            MemorySegment len = scratch.intValue(SOCKADDR_IN6_SIZE);
            int rc = (int) GETSOCKNAME.invokeExact(state, fd, sa, len);
            if (rc < 0) {
                throw new NativeException("getsockname", LibC.errno(state));
            }
            return address(sa);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /**
     * sendmsg of one datagram to {@code destination}, with the TTL (IPv6: hop limit) when {@code ttl > 0} and the
     * packet info when a source or an interface is given (a raw socket takes both per packet, so one socket serves
     * requests that differ in them). Returns 0 or the errno.
     */
    static int sendTo(int fd, InetAddress destination, byte[] data, int ttl, InetAddress source, int ifindex) {
        CallScratch scratch = CallScratch.begin();
        MemorySegment state = scratch.state();
        boolean v6 = destination instanceof Inet6Address;
        try {
            MemorySegment payload = scratch.allocate(Math.max(1, data.length), 8);
            MemorySegment.copy(data, 0, payload, JAVA_BYTE, 0, data.length);
            MemorySegment iov = scratch.allocate(16, 8);
            iov.set(ADDRESS, 0, payload);
            iov.set(JAVA_LONG, 8, data.length);
            boolean pktinfo = source != null || ifindex > 0;
            // in_pktinfo {ifindex, spec_dst, addr} is 12 bytes; in6_pktinfo {addr, ifindex} is 20
            long infoSpace = v6 ? 40 : 32;
            long controlLength = (ttl > 0 ? 24 : 0) + (pktinfo ? infoSpace : 0);
            MemorySegment control = controlLength == 0 ? MemorySegment.NULL : scratch.allocate(controlLength, 8);
            long at = 0;
            if (ttl > 0) {
                cmsg(control, at, 20, v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_HOPLIMIT : IP_TTL).set(JAVA_INT, at + 16, ttl);
                at += 24;
            }
            if (pktinfo && v6) {
                cmsg(control, at, 36, SOL_IPV6, IPV6_PKTINFO).set(JAVA_INT, at + 32, ifindex);
                if (source != null) {
                    MemorySegment.copy(source.getAddress(), 0, control, JAVA_BYTE, at + 16, 16);
                }
            } else if (pktinfo) {
                cmsg(control, at, 28, SOL_IP, IP_PKTINFO).set(JAVA_INT, at + 16, ifindex);
                if (source != null) {
                    MemorySegment.copy(source.getAddress(), 0, control, JAVA_BYTE, at + 20, 4);
                }
            }
            MemorySegment name = sockaddr(scratch, destination, 0, v6 && destination.isLinkLocalAddress() ? ifindex : 0);
            MemorySegment msg = scratch.allocate(56, 8);
            msg.set(ADDRESS, 0, name);
            msg.set(JAVA_INT, 8, (int) name.byteSize());
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

    private static MemorySegment cmsg(MemorySegment control, long at, long length, int level, int type) {
        control.set(JAVA_LONG, at, length);
        control.set(JAVA_INT, at + 8, level);
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

    /**
     * One datagram from an IPv6 raw socket without blocking, or null when none is queued: an IPv6 header made from
     * what recvmsg tells (the sender, the hop limit and the destination, which need IPV6_RECVHOPLIMIT and
     * IPV6_RECVPKTINFO; the kernel hands raw IPv6 sockets the payload only) followed by the datagram, so that readers
     * see what an IPv4 raw socket gives them: the IP header, then the ICMP message. {@code meta} holds at least
     * {@link #RECEIVE_META_SIZE} bytes.
     */
    static byte[] receive6Now(int fd, MemorySegment buffer, MemorySegment meta, MemorySegment state) {
        MemorySegment msg = meta.asSlice(0, 56).fill((byte) 0);
        MemorySegment iov = meta.asSlice(56, 16);
        MemorySegment name = meta.asSlice(72, 32).fill((byte) 0);
        MemorySegment control = meta.asSlice(104, RECEIVE_META_SIZE - 104).fill((byte) 0);
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, buffer.byteSize());
        msg.set(ADDRESS, 0, name);
        msg.set(JAVA_INT, 8, SOCKADDR_IN6_SIZE);
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1);
        msg.set(ADDRESS, 32, control);
        msg.set(JAVA_LONG, 40, control.byteSize());
        try {
            long n;
            while (true) {
                n = (long) RECVMSG.invokeExact(state, fd, msg, MSG_DONTWAIT);
                if (n >= 0) {
                    break;
                }
                int errno = LibC.errno(state);
                if (errno == EAGAIN) {
                    return null;
                }
                if (errno != LibC.EINTR) {
                    throw new NativeException("recvmsg(raw ICMPv6)", errno);
                }
            }
            int length = (int) Math.min(n, buffer.byteSize());
            byte[] packet = new byte[40 + length];
            packet[0] = 0x60;
            packet[4] = (byte) (length >>> 8);
            packet[5] = (byte) length;
            packet[6] = IPPROTO_ICMPV6;
            MemorySegment.copy(name, JAVA_BYTE, 8, packet, 8, 16);
            long controlLength = msg.get(JAVA_LONG, 40);
            for (long at = 0; at + 16 <= controlLength; ) {
                long len = control.get(JAVA_LONG, at);
                if (len < 16 || at + len > controlLength) {
                    break;
                }
                int level = control.get(JAVA_INT, at + 8);
                int type = control.get(JAVA_INT, at + 12);
                if (level == SOL_IPV6 && type == IPV6_HOPLIMIT && len >= 20) {
                    packet[7] = (byte) control.get(JAVA_INT, at + 16);
                } else if (level == SOL_IPV6 && type == IPV6_PKTINFO && len >= 36) {
                    MemorySegment.copy(control, JAVA_BYTE, at + 16, packet, 24, 16);
                }
                at += (len + 7) & ~7L;
            }
            MemorySegment.copy(buffer, JAVA_BYTE, 0, packet, 40, length);
            return packet;
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

    /** A sockaddr_in, or a sockaddr_in6 (with {@code scope} as its scope id) for an IPv6 address. */
    private static MemorySegment sockaddr(CallScratch scratch, InetAddress address, int port, int scope) {
        ValueLayout.OfShort bigEndian = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        if (address instanceof Inet6Address) {
            MemorySegment sa = scratch.allocate(SOCKADDR_IN6_SIZE, 4);
            sa.set(JAVA_SHORT, 0, (short) AF_INET6);
            sa.set(bigEndian, 2, (short) port);
            MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
            sa.set(JAVA_INT, 24, scope);
            return sa;
        }
        MemorySegment sa = scratch.allocate(SOCKADDR_IN_SIZE, 4);
        sa.set(JAVA_SHORT, 0, (short) AF_INET);
        sa.set(bigEndian, 2, (short) port);
        MemorySegment.copy(address.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
        return sa;
    }

    /** The address of a sockaddr_in or sockaddr_in6. */
    private static InetAddress address(MemorySegment sa) {
        return sa.get(JAVA_SHORT, 0) == AF_INET6 ? InetAddresses.of(sa.asSlice(8, 16).toArray(JAVA_BYTE))
                : inet4(sa.asSlice(4, 4).toArray(JAVA_BYTE));
    }

    static Inet4Address inet4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
