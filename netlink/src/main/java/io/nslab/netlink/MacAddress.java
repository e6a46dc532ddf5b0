package io.nslab.netlink;

import java.util.HexFormat;

/** A 48-bit Ethernet address, held as a long so that equality and hashing are by value. */
public record MacAddress(long value) {
    private static final HexFormat HEX = HexFormat.ofDelimiter(":");

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(value));
        }
    }

    /** Parses {@code 02:00:00:00:00:01}. */
    public static MacAddress parse(String text) {
        byte[] bytes = HEX.parseHex(text.toLowerCase(java.util.Locale.ROOT));
        if (bytes.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        return of(bytes);
    }

    public static MacAddress of(byte[] bytes) {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("MAC address of " + bytes.length + " bytes");
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xff);
        }
        return new MacAddress(v);
    }

    public byte[] bytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (value >>> (8 * (5 - i)));
        }
        return out;
    }

    @Override
    public String toString() {
        return HEX.formatHex(bytes());
    }
}
