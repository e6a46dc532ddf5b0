package io.nslab.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A pcapng file (draft-ietf-opsawg-pcapng), as tcpdump and Wireshark read it: one section header, an interface
 * description per interface (Ethernet, nanosecond timestamps), then an enhanced packet block per frame with its
 * direction. Little-endian, the order the format lets a writer choose. With {@code flushEach} every block reaches
 * the stream at once, for a reader at the other end of a pipe ({@code | wireshark -k -i -}).
 */
public final class PcapngWriter implements AutoCloseable {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int LINKTYPE_ETHERNET = 1;
    private static final int OPT_END = 0;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int EPB_FLAGS = 2;

    /** Which way a frame crossed its interface (epb_flags bits 0-1). */
    public enum Direction {
        UNKNOWN, INBOUND, OUTBOUND
    }

    private final OutputStream out;
    private final boolean flushEach;
    private int interfaces;
    private ByteBuffer packet = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    /** Writes the section header to {@code out}; {@code application} names the writer (shb_userappl). */
    public PcapngWriter(OutputStream out, boolean flushEach, String application) throws IOException {
        this.out = out;
        this.flushEach = flushEach;
        Block b = new Block(SECTION_HEADER);
        b.body.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L); // version 1.0, length unknown
        b.option(SHB_USERAPPL, application.getBytes(StandardCharsets.UTF_8));
        write(b);
    }

    /** Describes an Ethernet interface named {@code name} (if_name) and returns its id for {@link #packet}. */
    public int addInterface(String name, int snaplen) throws IOException {
        Block b = new Block(INTERFACE_DESCRIPTION);
        b.body.putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(snaplen);
        b.option(IF_NAME, name.getBytes(StandardCharsets.UTF_8));
        b.option(IF_TSRESOL, new byte[] {9}); // 10^-9 s: the kernel's timestamps as they come
        write(b);
        return interfaces++;
    }

    /** One frame: its captured bytes, its length on the wire, when it was seen (ns since the epoch), which way. */
    public void packet(int iface, long epochNanos, byte[] data, int wireLength, Direction direction) throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("no interface " + iface + " in this file");
        }
        // the hot path of a capture: one buffer, reused, sized at once (a Block would copy the frame twice)
        int padded = (data.length + 3) & ~3;
        int total = 28 + padded + (direction == Direction.UNKNOWN ? 0 : 12) + 4;
        if (packet.capacity() < total) {
            packet = ByteBuffer.allocate(Math.max(total, 2 * packet.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = packet.clear();
        b.putInt(ENHANCED_PACKET).putInt(total).putInt(iface).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos)
                .putInt(data.length).putInt(wireLength).put(data);
        for (int i = data.length; i < padded; i++) {
            b.put((byte) 0);
        }
        if (direction != Direction.UNKNOWN) {
            b.putShort((short) EPB_FLAGS).putShort((short) 4).putInt(direction.ordinal()).putInt(OPT_END);
        }
        b.putInt(total);
        out.write(b.array(), 0, total);
        if (flushEach) {
            out.flush();
        }
    }

    private void write(Block b) throws IOException {
        byte[] bytes = b.finish();
        out.write(bytes);
        if (flushEach) {
            out.flush();
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A block being built: type, length, body with options, length again. */
    private static final class Block {
        final int type;
        final ByteBuffer body;
        boolean options;

        Block(int type) {
            this(type, 0);
        }

        Block(int type, int extra) {
            this.type = type;
            this.body = ByteBuffer.allocate(256 + extra).order(ByteOrder.LITTLE_ENDIAN);
        }

        void option(int code, byte[] value) {
            options = true;
            body.putShort((short) code).putShort((short) value.length).put(value);
            pad();
        }

        void pad() {
            while (body.position() % 4 != 0) {
                body.put((byte) 0);
            }
        }

        byte[] finish() {
            if (options) {
                body.putShort((short) OPT_END).putShort((short) 0);
            }
            int total = 12 + body.position();
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(type).putInt(total).put(body.array(), 0, body.position()).putInt(total);
            return b.array();
        }
    }
}
