package io.nslab.model;

/**
 * An address with a prefix length: {@code 10.10.20.0/24} as a route destination, or
 * {@code 10.10.10.2/24} as an interface address (host bits set, which is why they are
 * kept rather than masked away).
 */
public record IpPrefix(IpAddress address, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        if (length < 0 || length > address.family().bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is out of range 0.." + address.family().bits());
        }
    }

    // Written out rather than the record's generated pair (the same values): a generated one runs through method
    // handles, which cost a call of the simulator's cold first hundreds (interpreted) ten times what these do, and
    // route tables ask it at every comparison.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && p.length == length && p.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + length;
    }

    /** Parses {@code A/len}; a bare address is a host prefix (/32 or /128), as {@code ip} reads it. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            IpAddress a = IpAddress.parse(text);
            return new IpPrefix(a, a.family().bits());
        }
        IpAddress a = IpAddress.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !IpAddress.digits(len, 10)) {
            throw new IllegalArgumentException("prefix length \"" + len + "\" is not a number");
        }
        if (len.length() > 1 && len.charAt(0) == '0') {
            throw new IllegalArgumentException(IpAddress.leadingZero("prefix length", len));
        }
        int n = Integer.parseInt(len);
        if (n > a.family().bits()) {
            throw new IllegalArgumentException("prefix length " + n + " is over " + a.family().bits());
        }
        return new IpPrefix(a, n);
    }

    public static IpPrefix defaultRoute(Family family) {
        return new IpPrefix(family == Family.INET ? IpAddress.v4(0) : new IpAddress(Family.INET6, 0, 0), 0);
    }

    public Family family() {
        return address.family();
    }

    /** The prefix with host bits cleared: {@code 10.10.10.0/24} for {@code 10.10.10.2/24}. */
    public IpPrefix network() {
        return new IpPrefix(address.masked(length), length);
    }

    public boolean hasHostBits() {
        return !address.masked(length).equals(address);
    }

    public boolean isHost() {
        return length == family().bits();
    }

    public boolean contains(IpAddress a) {
        return a.family() == family() && a.sharesPrefix(address, length);
    }

    public boolean overlaps(IpPrefix o) {
        return o.family() == family() && (contains(o.address) || o.contains(address));
    }

    /** The netmask as dotted quad (IPv4), as {@code route -n} prints it. */
    public IpAddress netmask() {
        return IpAddress.v4(length == 0 ? 0 : (int) (0xffffffffL << (32 - length)));
    }

    @Override
    public int compareTo(IpPrefix o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
