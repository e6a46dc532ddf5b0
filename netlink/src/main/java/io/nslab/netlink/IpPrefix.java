package io.nslab.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address with a prefix length, {@code 10.0.0.1/24} or {@code 2001:db8::/64}. The address keeps its host bits:
 * for interface addresses they matter, for route destinations the kernel wants them zero.
 */
public record IpPrefix(InetAddress address, int length) {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    public IpPrefix {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + max + " for " + address);
        }
    }

    /** Parses {@code 10.0.0.1/24}, {@code 2001:db8::1/64}, or a bare address (a host prefix). Never resolves names. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int length = slash < 0 ? (address instanceof Inet4Address ? 32 : 128)
                : Integer.parseInt(text.substring(slash + 1));
        return new IpPrefix(address, length);
    }

    /** Parses a numeric IPv4 or IPv6 address; rejects host names rather than looking them up. */
    public static InetAddress parseAddress(String text) {
        boolean numeric = text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!numeric || text.isEmpty()) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            // the JDK reads ::ffff:10.0.0.1 as 10.0.0.1; the kernel keeps it IPv6
            return text.indexOf(':') >= 0 && a instanceof Inet4Address ? InetAddresses.of(mapped(a)) : a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static byte[] mapped(InetAddress v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        return b;
    }

    /** The default route's destination of a family: {@code 0.0.0.0/0} or {@code ::/0}. */
    public static IpPrefix any(int family) {
        return parse(family == AF_INET6 ? "::/0" : "0.0.0.0/0");
    }

    /** {@code AF_INET} (2) or {@code AF_INET6} (10). */
    public int family() {
        return familyOf(address);
    }

    static int familyOf(InetAddress address) {
        return address instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
