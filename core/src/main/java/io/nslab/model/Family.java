package io.nslab.model;

/** Address family of an {@link IpAddress}. */
public enum Family {
    INET(32),
    INET6(128);

    private final int bits;

    Family(int bits) {
        this.bits = bits;
    }

    /** Length of an address of this family in bits: 32 or 128. */
    public int bits() {
        return bits;
    }
}
