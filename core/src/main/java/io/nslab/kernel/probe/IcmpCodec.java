package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;

import java.util.Arrays;
import java.util.Optional;

/**
 * ICMPv4 on the wire: echo requests as ping builds them, and the packets a raw socket reads (IPv4 header
 * first) turned into {@link Incoming} messages about one of our echo requests, or nothing.
 */
final class IcmpCodec {
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    static final int HEADER = 8;
    private static final int PROTO_ICMP = 1;

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
