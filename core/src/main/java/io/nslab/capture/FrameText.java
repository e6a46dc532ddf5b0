package io.nslab.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line per captured frame, in the words of {@code tcpdump -n} (its time, the interface and direction as
 * {@code tcpdump -i any} shows them, then ARP, IP or IP6 and what they carry), for a capture read on the terminal.
 */
public final class FrameText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private FrameText() {
    }

    public static String line(String iface, long epochNanos, byte[] f, int length, boolean outgoing) {
        String head = TIME.format(Instant.ofEpochSecond(0, epochNanos)) + " " + iface + " " + (outgoing ? "Out" : "In ") + " ";
        if (f.length < 14) {
            return head + "truncated frame, length " + length;
        }
        int type = u16(f, 12);
        return head + switch (type) {
            case 0x0806 -> arp(f, length);
            case 0x0800 -> ipv4(f, length);
            case 0x86dd -> ipv6(f, length);
            default -> String.format("ethertype 0x%04x, length %d", type, length);
        };
    }

    private static String arp(byte[] f, int length) {
        if (f.length < 42) {
            return "ARP, truncated, length " + (length - 14);
        }
        int op = u16(f, 20);
        String sender = ip(f, 28, 4);
        String target = ip(f, 38, 4);
        return switch (op) {
            case 1 -> "ARP, Request who-has " + target + " tell " + sender + ", length " + (length - 14);
            case 2 -> "ARP, Reply " + sender + " is-at " + mac(f, 22) + ", length " + (length - 14);
            default -> "ARP, opcode " + op + ", length " + (length - 14);
        };
    }

    private static String ipv4(byte[] f, int length) {
        if (f.length < 34) {
            return "IP, truncated, length " + (length - 14);
        }
        int ihl = (f[14] & 0xf) * 4;
        int proto = f[23] & 0xff;
        int total = u16(f, 16);
        return "IP " + describe(ip(f, 26, 4), ip(f, 30, 4), proto, f, 14 + ihl, total - ihl, false) + ", ttl " + (f[22] & 0xff);
    }

    private static String ipv6(byte[] f, int length) {
        if (f.length < 54) {
            return "IP6, truncated, length " + (length - 14);
        }
        return "IP6 " + describe(ip(f, 22, 16), ip(f, 38, 16), f[20] & 0xff, f, 54, u16(f, 18), true) + ", hlim " + (f[21] & 0xff);
    }

    private static String describe(String src, String dst, int proto, byte[] f, int at, int payload, boolean v6) {
        boolean whole = f.length >= at + 8;
        if ((proto == 1 || proto == 58) && whole) {
            int type = f[at] & 0xff;
            String what = switch (v6 ? type + 1000 : type) {
                case 8, 1128 -> "echo request, id " + u16(f, at + 4) + ", seq " + u16(f, at + 6);
                case 0, 1129 -> "echo reply, id " + u16(f, at + 4) + ", seq " + u16(f, at + 6);
                case 3 -> "unreachable, code " + (f[at + 1] & 0xff);
                case 11, 1003 -> "time exceeded";
                case 5 -> "redirect";
                case 1001 -> "destination unreachable, code " + (f[at + 1] & 0xff);
                case 1135 -> "neighbor solicitation";
                case 1136 -> "neighbor advertisement";
                default -> "type " + type;
            };
            return src + " > " + dst + ": " + (v6 ? "ICMP6, " : "ICMP ") + what + ", length " + payload;
        }
        if ((proto == 6 || proto == 17) && f.length >= at + 4) {
            return src + "." + u16(f, at) + " > " + dst + "." + u16(f, at + 2) + ": " + (proto == 6 ? "tcp" : "UDP") + ", length " + payload;
        }
        return src + " > " + dst + ": protocol " + proto + ", length " + payload;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static String ip(byte[] b, int at, int n) {
        return io.nslab.model.IpAddress.fromBytes(java.util.Arrays.copyOfRange(b, at, at + n)).toString(); // RFC 5952, as tcpdump
    }

    private static String mac(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(String.format("%02x", b[at + i] & 0xff));
        }
        return s.toString();
    }
}
