package io.nslab.netlink.nft;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Bytes that nf_tables compares, masks or loads into a register ({@code NFTA_DATA_VALUE}), as a value: equal when
 * the bytes are. The factories lay values out the way the kernel's registers hold them: addresses and ports in
 * network order, interface names NUL-padded to {@code IFNAMSIZ}, conntrack state in host order.
 */
public final class NftData {
    /** {@code IFNAMSIZ}: interface names in registers are 16 bytes, NUL-padded. */
    public static final int IFNAMSIZ = 16;
    /** {@code NFT_DATA_VALUE_MAXLEN}: the most a value may hold (four 16-byte registers). */
    public static final int MAX_LENGTH = 64;

    private final byte[] bytes;

    private NftData(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("nf_tables data of " + bytes.length + " bytes (1 to " + MAX_LENGTH
                    + ")");
        }
        this.bytes = bytes;
    }

    public static NftData of(byte... bytes) {
        return new NftData(bytes.clone());
    }

    public static NftData u8(int value) {
        return new NftData(new byte[] {(byte) value});
    }

    /** A 16-bit value in network order, such as a port. */
    public static NftData be16(int value) {
        return new NftData(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** A 32-bit value in network byte order. */
    public static NftData be32(int value) {
        return of((byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value);
    }

    /** A 32-bit value in host order, as the kernel stores conntrack state and marks in a register. */
    public static NftData host32(int value) {
        return new NftData(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** An interface name as {@code meta iifname} loads it: the name, NUL-padded to 16 bytes. */
    public static NftData ifname(String name) {
        byte[] s = name.getBytes(StandardCharsets.UTF_8);
        if (s.length == 0 || s.length >= IFNAMSIZ || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is not 1 to 15 bytes");
        }
        return new NftData(Arrays.copyOf(s, IFNAMSIZ));
    }

    /** An address in network order: 4 bytes for IPv4, 16 for IPv6. */
    public static NftData address(InetAddress address) {
        return new NftData(address.getAddress());
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes in hex, as {@code nft --debug=netlink} shows them less its word grouping. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NftData d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + hex();
    }
}
