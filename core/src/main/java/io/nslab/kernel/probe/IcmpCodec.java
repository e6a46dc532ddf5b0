package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;

import java.util.Arrays;
import java.util.Optional;

/**
 * ICMP on the wire, IPv4 and IPv6: echo requests as ping builds them, and the packets a raw socket reads (IP
 * header first; for IPv6 the header IcmpSocket makes from recvmsg) turned into {@link Incoming} messages about one
 * of our echo requests, or nothing. Type and code of an error are the family's own (RFC 792, RFC 4443).
 */
final class IcmpCodec {
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    static final int HEADER = 8;
    static final int ECHO_REQUEST_6 = 128;
    static final int ECHO_REPLY_6 = 129;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_ICMPV6 = 58;
    private static final int IPV6_HEADER = 40;

    private IcmpCodec() {
    }

    /** What came back about echo request {@code id}/{@code seq}. */
    sealed interface Incoming {
        int id();

        int seq();

        /** {@code bytes} is the ICMP length, which ping prints ({@code 64 bytes from}). */
        record EchoReply(IpAddress from, int ttl, int id, int seq, int bytes) implements Incoming {
        }

        /**
         * An ICMP error quoting our request: {@code from} sent it, {@code target} is where the request was going,
         * {@code gateway} is a redirect's new next hop (the ICMP header's second word otherwise).
         */
        record ErrorReport(IpAddress from, int type, int code, IpAddress gateway, IpAddress target, int id, int seq)
                implements Incoming {
        }
    }

    /** An echo request: {@code size} data bytes (ping -s), filled as iputils fills them after its timestamp. */
    static byte[] echoRequest(int id, int seq, int size) {
        byte[] m = new byte[HEADER + size];
        m[0] = (byte) ECHO_REQUEST;
        putShort(m, 4, id);
        putShort(m, 6, seq);
        for (int i = HEADER; i < m.length; i++) {
            m[i] = (byte) (i - HEADER);
        }
        putShort(m, 2, checksum(m, 0, m.length));
        return m;
    }

    /**
     * An ICMPv6 echo request, filled as {@link #echoRequest} is. The checksum stays zero: it covers a pseudo-header
     * with the source address, which the kernel computes for every raw ICMPv6 socket (RFC 3542, 3.1).
     */
    static byte[] echoRequest6(int id, int seq, int size) {
        byte[] m = new byte[HEADER + size];
        m[0] = (byte) ECHO_REQUEST_6;
        putShort(m, 4, id);
        putShort(m, 6, seq);
        for (int i = HEADER; i < m.length; i++) {
            m[i] = (byte) (i - HEADER);
        }
        return m;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (b[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Reads one packet from a raw ICMP socket. Empty for what is not about an echo request: other ICMP types,
     * errors quoting other protocols, truncated packets.
     */
    static Optional<Incoming> parse(byte[] p) {
        if (p.length >= IPV6_HEADER && (p[0] >> 4 & 0xf) == 6) {
            return parse6(p);
        }
        if (p.length < 20 || (p[0] >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int ihl = (p[0] & 0xf) * 4;
        int length = Math.min(p.length, u16(p, 2));
        if (ihl < 20 || length < ihl + HEADER || (p[9] & 0xff) != PROTO_ICMP) {
            return Optional.empty();
        }
        IpAddress from = address(p, 12);
        int type = p[ihl] & 0xff;
        int code = p[ihl + 1] & 0xff;
        if (type == ECHO_REPLY) {
            return Optional.of(new Incoming.EchoReply(from, p[8] & 0xff, u16(p, ihl + 4), u16(p, ihl + 6), length - ihl));
        }
        if (type != 3 && type != 5 && type != 11 && type != 12) {
            return Optional.empty();
        }
        // The quoted request: its IP header and at least the first 8 bytes of its ICMP header (RFC 792).
        int inner = ihl + HEADER;
        if (length < inner + 20 || (p[inner] >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int innerIhl = (p[inner] & 0xf) * 4;
        int quoted = inner + innerIhl;
        if (innerIhl < 20 || length < quoted + HEADER || (p[inner + 9] & 0xff) != PROTO_ICMP
                || (p[quoted] & 0xff) != ECHO_REQUEST) {
            return Optional.empty();
        }
        return Optional.of(new Incoming.ErrorReport(from, type, code, address(p, ihl + 4), address(p, inner + 16),
                u16(p, quoted + 4), u16(p, quoted + 6)));
    }

    /**
     * An IPv6 packet: echo reply, or an error (destination unreachable, packet too big, time exceeded, parameter
     * problem) quoting the IPv6 header of our request and its ICMPv6 header. A quoted request with extension
     * headers is not ours (ping sends none).
     */
    private static Optional<Incoming> parse6(byte[] p) {
        int length = Math.min(p.length, IPV6_HEADER + u16(p, 4));
        if ((p[6] & 0xff) != PROTO_ICMPV6 || length < IPV6_HEADER + HEADER) {
            return Optional.empty();
        }
        IpAddress from = address6(p, 8);
        int at = IPV6_HEADER;
        int type = p[at] & 0xff;
        int code = p[at + 1] & 0xff;
        if (type == ECHO_REPLY_6) {
            return Optional.of(new Incoming.EchoReply(from, p[7] & 0xff, u16(p, at + 4), u16(p, at + 6), length - at));
        }
        if (type < 1 || type > 4) {
            return Optional.empty();
        }
        int inner = at + HEADER;
        int quoted = inner + IPV6_HEADER;
        if (length < quoted + HEADER || (p[inner] >> 4 & 0xf) != 6 || (p[inner + 6] & 0xff) != PROTO_ICMPV6
                || (p[quoted] & 0xff) != ECHO_REQUEST_6) {
            return Optional.empty();
        }
        // no gateway in ICMPv6 errors (redirects are neighbour discovery, not asked for)
        return Optional.of(new Incoming.ErrorReport(from, type, code, IpAddress.parse("::"), address6(p, inner + 24),
                u16(p, quoted + 4), u16(p, quoted + 6)));
    }

    private static IpAddress address6(byte[] p, int at) {
        return IpAddress.fromBytes(Arrays.copyOfRange(p, at, at + 16));
    }

    private static IpAddress address(byte[] p, int at) {
        return IpAddress.fromBytes(Arrays.copyOfRange(p, at, at + 4));
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }
}
