package io.nslab.capture;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads back the little-endian pcapng files nslab writes (and only those: one section, Ethernet interfaces), and
 * sums each frame up in the fields both worlds decide alike: direction, ARP opcode and addresses, IPv4 addresses,
 * TTL, protocol, ICMP type, code and sequence; MACs too when asked (where the lab fixes them).
 */
public final class PcapngFrames {
    /** One enhanced packet block: the frame, when, which way (epb_flags: 1 in, 2 out, 0 unknown). */
    public record Frame(long epochNanos, byte[] data, int length, int direction) {
    }

    private PcapngFrames() {
    }

    public static List<Frame> read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    public static List<Frame> read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Frame> frames = new ArrayList<>();
        if (b.remaining() < 12 || b.getInt(0) != PcapngWriter.SECTION_HEADER || b.getInt(8) != PcapngWriter.BYTE_ORDER_MAGIC) {
            throw new IllegalArgumentException("not a little-endian pcapng file");
        }
        int at = 0;
        while (at + 12 <= bytes.length) {
            int type = b.getInt(at);
            int length = b.getInt(at + 4);
            if (length < 12 || at + length > bytes.length) {
                throw new IllegalArgumentException("block at " + at + " runs past the end (length " + length + ")");
            }
            if (type == PcapngWriter.ENHANCED_PACKET) {
                long ts = (Integer.toUnsignedLong(b.getInt(at + 12)) << 32) | Integer.toUnsignedLong(b.getInt(at + 16));
                int captured = b.getInt(at + 20);
                int wire = b.getInt(at + 24);
                byte[] data = new byte[captured];
                b.get(at + 28, data);
                int direction = 0;
                for (int o = at + 28 + ((captured + 3) & ~3); o + 4 <= at + length - 4; ) {
                    int code = b.getShort(o) & 0xffff;
                    int len = b.getShort(o + 2) & 0xffff;
                    if (code == 0) {
                        break;
                    }
                    if (code == 2 && len == 4) {
                        direction = b.getInt(o + 4) & 3;
                    }
                    o += 4 + ((len + 3) & ~3);
                }
                frames.add(new Frame(ts, data, wire, direction));
            }
            at += length;
        }
        return frames;
    }

    /** The deterministic fields of the IPv4 and ARP frames, one line each; IPv6 (router solicitations...) left out. */
    public static List<String> summary(List<Frame> frames, boolean macs) throws IOException {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            byte[] d = f.data();
            int type = (d[12] & 0xff) << 8 | d[13] & 0xff;
            String dir = f.direction() == 2 ? "out" : f.direction() == 1 ? "in" : "?";
            String mac = macs ? " " + hex(d, 6, 6) + ">" + hex(d, 0, 6) : "";
            if (type == 0x0806) {
                String s = dir + " ARP op " + ((d[20] & 0xff) << 8 | d[21] & 0xff) + " " + ip(d, 28) + " > " + ip(d, 38);
                out.add(s + (macs ? mac + " sha " + hex(d, 22, 6) + " tha " + hex(d, 32, 6) : ""));
            } else if (type == 0x0800) {
                int ihl = (d[14] & 0xf) * 4;
                int proto = d[23] & 0xff;
                String s = dir + " IP " + ip(d, 26) + " > " + ip(d, 30) + " ttl " + (d[22] & 0xff) + " proto " + proto;
                if (proto == 1) {
                    int icmp = 14 + ihl;
                    s += " icmp " + (d[icmp] & 0xff) + "/" + (d[icmp + 1] & 0xff);
                    if ((d[icmp] & 0xff) == 0 || (d[icmp] & 0xff) == 8) {
                        s += " seq " + ((d[icmp + 6] & 0xff) << 8 | d[icmp + 7] & 0xff);
                    }
                }
                out.add(s + mac);
            }
        }
        return out;
    }

    private static String ip(byte[] d, int at) throws IOException {
        return InetAddress.getByAddress(java.util.Arrays.copyOfRange(d, at, at + 4)).getHostAddress();
    }

    private static String hex(byte[] d, int at, int n) {
        return HexFormat.ofDelimiter(":").formatHex(d, at, at + n);
    }
}
