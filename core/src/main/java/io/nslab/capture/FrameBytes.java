package io.nslab.capture;

import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.sim.WireFrame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a simulated frame as the kernel would put them on the wire: Ethernet II, ARP for IPv4, IPv4 (with
 * its header checksum) or IPv6, ICMP/ICMPv6 echo as iputils ping fills it (a {@code struct timeval} of the send time,
 * then bytes counting up from 0x10), ICMP errors quoting the datagram, TCP/UDP headers; every checksum computed.
 * Fields the simulator does not decide are fixed: IPv4 ids count from 1, the TCP sequence numbers are zero.
 */
public final class FrameBytes {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_ARP = 0x0806;
    private static final int ETH_IPV6 = 0x86dd;
    /** What iputils' ping puts after the timestamp: the probes' own text here, so that a reader sees who made them. */
    private static final byte[] UDP_DATA = "nslab probe\n".getBytes(StandardCharsets.US_ASCII);
    private static final int QUOTE_LIMIT_V4 = 576 - 20 - 8;

    private int ipId;
    /**
     * The IPv4 id of each datagram, kept as it is forwarded (its TTL changes, not its id): keyed by addresses,
     * content and echo sequence.
     */
    private final java.util.Map<java.util.List<Object>, Integer> ids = new java.util.HashMap<>();

    /** {@code seq}: the echo sequence the frame's echo (or quoted echo) carries; {@code epochNanos}: its send time. */
    public byte[] frame(WireFrame f, int seq, long epochNanos) {
        return switch (f) {
            case WireFrame.Arp a -> ethernet(a.destination(), a.source(), ETH_ARP, arp(a));
            case WireFrame.Ip ip -> ethernet(ip.destination(), ip.source(), ip.datagram().src().isV4() ? ETH_IPV4 : ETH_IPV6,
                    datagram(ip.datagram(), seq, epochNanos));
        };
    }

    private static byte[] ethernet(MacAddress dst, MacAddress src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(dst.toBytes()).put(src.toBytes()).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] arp(WireFrame.Arp a) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) ETH_IPV4).put((byte) 6).put((byte) 4).putShort((short) (a.request() ? 1 : 2));
        b.put(a.senderMac().toBytes()).put(a.senderIp().toBytes()).put(a.targetMac().toBytes()).put(a.targetIp().toBytes());
        return b.array();
    }

    byte[] datagram(WireFrame.Datagram d, int seq, long epochNanos) {
        boolean v4 = d.src().isV4();
        int protocol = switch (d.content()) {
            case WireFrame.Content.Echo e -> v4 ? 1 : 58;
            case WireFrame.Content.IcmpError e -> v4 ? 1 : 58;
            case WireFrame.Content.Ndp n -> 58;
            case WireFrame.Content.Transport t -> t.protocol();
        };
        byte[] l4 = transport(d, protocol, seq, epochNanos);
        if (v4) {
            ByteBuffer h = ByteBuffer.allocate(20 + l4.length);
            boolean df = d.content() instanceof WireFrame.Content.Echo e && e.request()
                    || d.content() instanceof WireFrame.Content.Transport;
            h.put((byte) 0x45).put((byte) (d.content() instanceof WireFrame.Content.IcmpError ? 0xc0 : 0)) // errors: CS6, as icmp_send
                    .putShort((short) (20 + l4.length)).putShort((short) ids.computeIfAbsent(java.util.List.of(d.src(), d.dst(), d.content(), seq), k -> ++ipId).intValue()).putShort((short) (df ? 0x4000 : 0))
                    .put((byte) d.ttl()).put((byte) protocol).putShort((short) 0).put(d.src().toBytes()).put(d.dst().toBytes());
            h.putShort(10, (short) checksum(h.array(), 0, 20, 0));
            h.position(20);
            h.put(l4);
            return h.array();
        }
        ByteBuffer h = ByteBuffer.allocate(40 + l4.length);
        h.putInt(0x60000000).putShort((short) l4.length).put((byte) protocol).put((byte) d.ttl()).put(d.src().toBytes()).put(d.dst().toBytes());
        h.put(l4);
        return h.array();
    }

    private byte[] transport(WireFrame.Datagram d, int protocol, int seq, long epochNanos) {
        boolean v4 = d.src().isV4();
        byte[] m = switch (d.content()) {
            case WireFrame.Content.Echo e -> echo(e, v4, seq, epochNanos);
            case WireFrame.Content.IcmpError e -> icmpError(e, v4, seq, epochNanos);
            case WireFrame.Content.Ndp n -> new byte[] {(byte) (n.solicitation() ? 135 : 136), 0, 0, 0, 0, 0, 0, 0};
            case WireFrame.Content.Transport t -> t.protocol() == 6 ? tcp(t) : udp(t);
        };
        int at = switch (protocol) {
            case 1, 58 -> 2;
            case 6 -> 16;
            default -> 6;
        };
        int pseudo = v4 && (protocol == 1) ? 0 : pseudoHeaderSum(d.src(), d.dst(), protocol, m.length);
        int sum = checksum(m, 0, m.length, pseudo);
        if (protocol == 17 && sum == 0) {
            sum = 0xffff;
        }
        m[at] = (byte) (sum >>> 8);
        m[at + 1] = (byte) sum;
        return m;
    }

    /** An echo as iputils' ping sends it: id, seq, a struct timeval (little-endian, x86-64 and aarch64), bytes i. */
    private static byte[] echo(WireFrame.Content.Echo e, boolean v4, int seq, long epochNanos) {
        byte[] m = new byte[8 + e.size()];
        m[0] = (byte) (e.request() ? (v4 ? 8 : 128) : (v4 ? 0 : 129));
        m[4] = (byte) (e.id() >>> 8);
        m[5] = (byte) e.id();
        m[6] = (byte) (seq >>> 8);
        m[7] = (byte) seq;
        for (int i = 0; i < e.size(); i++) {
            m[8 + i] = (byte) i;
        }
        if (e.size() >= 16) {
            ByteBuffer tv = ByteBuffer.wrap(m, 8, 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            tv.putLong(Math.floorDiv(epochNanos, 1_000_000_000L)).putLong(Math.floorMod(epochNanos, 1_000_000_000L) / 1000);
        }
        return m;
    }

    private byte[] icmpError(WireFrame.Content.IcmpError e, boolean v4, int seq, long epochNanos) {
        byte[] quoted = datagram(e.about(), seq, epochNanos);
        int length = Math.min(quoted.length, v4 ? QUOTE_LIMIT_V4 : 1280 - 48);
        byte[] m = new byte[8 + length];
        m[0] = (byte) (v4 ? e.type() : v6Type(e.type()));
        m[1] = (byte) (v4 ? e.code() : v6Code(e.type(), e.code()));
        e.gateway().ifPresent(g -> System.arraycopy(g.toBytes(), 0, m, 4, 4));
        System.arraycopy(quoted, 0, m, 8, length);
        return m;
    }

    /** ICMPv6's type for an IPv4 error type (RFC 4443): unreachable 1, time exceeded 3, redirect 137. */
    private static int v6Type(int type) {
        return switch (type) {
            case 3 -> 1;
            case 11 -> 3;
            case 5 -> 137;
            default -> type;
        };
    }

    private static int v6Code(int type, int code) {
        if (type != 3) {
            return 0;
        }
        return switch (code) {
            case 0 -> 0;   // no route
            case 1 -> 3;   // address unreachable
            case 3 -> 4;   // port unreachable
            case 13, 9, 10 -> 1; // administratively prohibited
            default -> 0;
        };
    }

    private static byte[] tcp(WireFrame.Content.Transport t) {
        int flags = switch (t.kind()) {
            case "SYN" -> 0x02;
            case "SYN_ACK" -> 0x12;
            case "RST" -> 0x14;
            default -> 0x18;
        };
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) t.sport()).putShort((short) t.dport()).putInt(0).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    private static byte[] udp(WireFrame.Content.Transport t) {
        ByteBuffer b = ByteBuffer.allocate(8 + UDP_DATA.length);
        b.putShort((short) t.sport()).putShort((short) t.dport()).putShort((short) (8 + UDP_DATA.length)).putShort((short) 0).put(UDP_DATA);
        return b.array();
    }

    private static int pseudoHeaderSum(IpAddress src, IpAddress dst, int protocol, int length) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(src.toBytes());
        p.writeBytes(dst.toBytes());
        p.writeBytes(new byte[] {0, 0, (byte) (length >>> 8), (byte) length, 0, 0, 0, (byte) protocol});
        byte[] b = p.toByteArray();
        return sum(b, 0, b.length);
    }

    /** The Internet checksum (RFC 1071) of the bytes and a partial sum carried in. */
    static int checksum(byte[] b, int offset, int length, int carried) {
        long s = sum(b, offset, length) + (long) carried;
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }

    private static int sum(byte[] b, int offset, int length) {
        long s = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < offset + length) {
            s += (b[i] & 0xff) << 8;
        }
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }
}
