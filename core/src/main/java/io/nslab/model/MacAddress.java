package io.nslab.model;

import java.util.HexFormat;

/** A 48-bit Ethernet address. */
public record MacAddress(long bits) {

    public MacAddress {
        if ((bits >>> 48) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits");
        }
    }

    /** Parses {@code 02:00:0a:0a:0a:02} (also with dashes); throws with a reason. */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (want six hex bytes like 02:00:00:00:00:01)");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("not a MAC address (want six hex bytes like 02:00:00:00:00:01)");
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    /** Group (multicast or broadcast) addresses cannot be an interface's own address. */
    public boolean isMulticast() {
        return ((bits >>> 40) & 1) == 1;
    }

    public boolean isZero() {
        return bits == 0;
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }
}
