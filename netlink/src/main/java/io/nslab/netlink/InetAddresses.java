package io.nslab.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses from their bytes as the kernel means them: 4 bytes are IPv4, 16 bytes are IPv6 — an IPv4-mapped
 * {@code ::ffff:10.0.0.1} included, which {@link InetAddress#getByAddress(byte[])} would turn into the IPv4
 * address 10.0.0.1 (and an IPv6 prefix /128 of it into an invalid IPv4 one).
 */
public final class InetAddresses {
    private InetAddresses() {
    }

    /** The address of {@code raw}, 4 or 16 bytes. */
    public static InetAddress of(byte[] raw) {
        try {
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, null) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + raw.length, e);
        }
    }
}
