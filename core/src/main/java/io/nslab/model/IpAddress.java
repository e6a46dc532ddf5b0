package io.nslab.model;

/**
 * An IPv4 or IPv6 address as a value. IPv4 lives in the low 32 bits of {@code lo};
 * IPv6 in {@code hi} (first 8 bytes) and {@code lo} (last 8 bytes). Two longs rather
 * than a byte array keep equality, hashing and prefix matching cheap for the simulator.
 */
public record IpAddress(Family family, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (family == Family.INET && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
    }

    public static IpAddress v4(int address) {
        return new IpAddress(Family.INET, 0, Integer.toUnsignedLong(address));
    }

    public static IpAddress v4(int a, int b, int c, int d) {
        return v4((a << 24) | (b << 16) | (c << 8) | d);
    }

    /** Parses dotted-quad IPv4 or RFC 4291 IPv6 text; throws {@link IllegalArgumentException} with a reason. */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return v4(parseV4(text));
    }

    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return v4(((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        }
        if (bytes.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xff);
                lo = (lo << 8) | (bytes[i + 8] & 0xff);
            }
            return new IpAddress(Family.INET6, hi, lo);
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * Four decimal octets, as inet_pton reads them. An octet with a leading zero is refused rather than read as
     * decimal: {@code ip}, {@code route} and {@code ping} read {@code 010} as octal (8), so a lab file that
     * meant 10 and a script that meant 8 must not both be taken at their word.
     */
    private static int parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address (want four dotted numbers like 10.0.0.1)");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !digits(part, 10)) {
                throw new IllegalArgumentException("not an IPv4 address (want four dotted numbers like 10.0.0.1)");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("IPv4 octet " + octet + " is over 255");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new IllegalArgumentException(leadingZero("IPv4 octet", part));
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /**
     * Whether every char of {@code s} is an ASCII digit in {@code radix} (8, 10 or 16), as inet_pton reads them: a
     * loop, not a stream, since a script's first tool calls parse their addresses while the code is interpreted.
     */
    static boolean digits(String s, int radix) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix) {
                return false;
            }
        }
        return true;
    }

    /** Why a number written with a leading zero is refused: what ip would make of it. */
    static String leadingZero(String what, String digits) {
        boolean octal = digits(digits, 8);
        return what + " \"" + digits + "\" has a leading zero: ip would read it as octal"
                + (octal ? " (" + Integer.parseInt(digits, 8) + ")" : ", and refuse it") + "; write it without the zero";
    }

    private static IpAddress parseV6(String text) {
        if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
            throw new IllegalArgumentException("not an IPv6 address (no zone or brackets here)");
        }
        return fromBytes(Ipv6Text.parse(text));
    }

    public boolean isV4() {
        return family == Family.INET;
    }

    /** The address as an int (IPv4 only). */
    public int v4bits() {
        return (int) lo;
    }

    public byte[] toBytes() {
        if (isV4()) {
            int v = (int) lo;
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** This address with every bit after the first {@code length} cleared. */
    public IpAddress masked(int length) {
        if (isV4()) {
            long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
            return new IpAddress(family, 0, lo & mask);
        }
        long hiMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return new IpAddress(family, hi & hiMask, lo & loMask);
    }

    /** Whether this address and {@code other} (of the same family) agree in their first {@code length} bits. */
    public boolean sharesPrefix(IpAddress other, int length) {
        // what masked(length).equals(other.masked(length)) says, without two addresses per question: the simulator
        // asks it for every route and address a packet meets
        if (isV4()) {
            long mask = length == 0 ? 0 : (0xffffffffL << (32 - length)) & 0xffffffffL;
            return ((lo ^ other.lo) & mask) == 0;
        }
        long hiMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return ((hi ^ other.hi) & hiMask) == 0 && ((lo ^ other.lo) & loMask) == 0;
    }

    // Written out rather than the record's generated pair: these are the simulator's hash keys, asked millions of
    // times per all-pairs run, and the hash no longer depends on the enum's identity hash (stable from run to run).
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.lo == lo && a.hi == hi && a.family == family;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(hi) * 31 + Long.hashCode(lo)) * 31 + family.ordinal();
    }

    /** The address with all bits after {@code length} set: the IPv4 broadcast of that prefix. */
    public IpAddress broadcast(int length) {
        if (!isV4()) {
            throw new UnsupportedOperationException("IPv6 has no broadcast");
        }
        long host = length == 32 ? 0 : (0xffffffffL >>> length);
        return new IpAddress(family, 0, lo | host);
    }

    public boolean isLoopback() {
        return isV4() ? (lo >>> 24) == 127 : hi == 0 && lo == 1;
    }

    public boolean isMulticast() {
        return isV4() ? (lo >>> 28) == 0xe : (hi >>> 56) == 0xff;
    }

    /** {@code ::ffff:a.b.c.d}: IPv6 text for an IPv4 address, which a dual-stack socket treats as IPv4. */
    public boolean isV4Mapped() {
        return !isV4() && hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /** The IPv4 address inside {@code ::ffff:a.b.c.d}. */
    public IpAddress mappedV4() {
        if (!isV4Mapped()) {
            throw new IllegalStateException(this + " is not an IPv4-mapped address");
        }
        return v4((int) lo);
    }

    public boolean isUnspecified() {
        return hi == 0 && lo == 0;
    }

    public boolean isLinkLocal() {
        return isV4() ? (lo >>> 16) == 0xa9fe : (hi >>> 54) == (0xfe80L >>> 6);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Dotted quad, or IPv6 in the RFC 5952 form that iproute2 prints. */
    @Override
    public String toString() {
        if (isV4()) {
            int v = (int) lo;
            return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        return Ipv6Text.format(hi, lo);
    }
}
