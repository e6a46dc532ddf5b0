package io.nslab.script;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * IPv4 addresses as each real tool reads them, which is not as a lab file does: {@code 010.0.0.9} is 8.0.0.9 to
 * all of them (C's octal), and short forms differ between tools. iproute2 has a reader of its own (each part by
 * {@code strtoul(.., 0)}, missing parts are zero: {@code 10.1} is 10.1.0.0); net-tools' {@code route} uses glibc's
 * {@code inet_aton} ({@code 10.1} is 10.0.0.1, {@code 167772161} is 10.0.0.1); ping and traceroute resolve with
 * {@code getaddrinfo}, which is inet_aton without trailing blanks. IPv6 is inet_pton everywhere
 * ({@link IpAddress#parse}). ScriptCorpusTest's 38- to 40- scripts hold what the real tools did with each form.
 */
final class AddressSyntax {
    private static final long ULONG_MAX = -1L;
    private static final long UINT_MAX = 0xffff_ffffL;

    private AddressSyntax() {
    }

    /** An address as {@code ip} reads it ({@code via}, {@code src}, {@code route get}). */
    static Optional<IpAddress> ip(String text) {
        if (text.indexOf(':') >= 0) {
            return inetPton(text);
        }
        return iproute2V4(text).map(IpAddress::v4);
    }

    /** {@code ADDR[/LEN]} as {@code ip} reads a prefix; LEN is a number in C syntax or a dotted netmask, ADDR alone a host. */
    static Optional<IpPrefix> ipPrefix(String text) {
        int slash = text.indexOf('/');
        Optional<IpAddress> address = ip(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().family().bits();
        if (slash < 0) {
            return Optional.of(new IpPrefix(address.get(), bits));
        }
        long length = iproute2Netmask(text.substring(slash + 1));
        return length < 0 || length > bits ? Optional.empty() : Optional.of(new IpPrefix(address.get(), (int) length));
    }

    /**
     * IPv4 as glibc's inet_aton reads it (net-tools' {@code route}): one to four parts in C syntax, the last filling
     * the remaining bytes; trailing blanks are allowed unless {@code exact} (getaddrinfo: ping, traceroute).
     */
    static Optional<IpAddress> inetAton(String text, boolean exact) {
        List<Long> parts = new ArrayList<>();
        int at = 0;
        long last;
        while (true) {
            if (at >= text.length() || !isDigit(text.charAt(at))) {
                return Optional.empty();
            }
            Strtoul n = strtoul(text, at);
            if (n.overflow() || Long.compareUnsigned(n.value(), UINT_MAX) > 0) {
                return Optional.empty();
            }
            at = n.end();
            if (at < text.length() && text.charAt(at) == '.') {
                if (parts.size() == 3 || n.value() > 0xff) {
                    return Optional.empty();
                }
                parts.add(n.value());
                at++;
                continue;
            }
            last = n.value();
            break;
        }
        if (at < text.length() && (exact || !isSpace(text.charAt(at)))) {
            return Optional.empty();
        }
        if (last > (UINT_MAX >>> (8 * parts.size()))) {
            return Optional.empty();
        }
        long value = last;
        for (int i = 0; i < parts.size(); i++) {
            value |= parts.get(i) << (24 - 8 * i);
        }
        return Optional.of(IpAddress.v4((int) value));
    }

    /** IPv6, or a strict dotted quad, as inet_pton reads it ({@code ping -I} tells an address from a device so). */
    static Optional<IpAddress> inetPton(String text) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** iproute2's IPv4 reader: up to four parts of at most 255, each in C syntax; missing parts are zero. */
    private static Optional<Integer> iproute2V4(String text) {
        int value = 0;
        int at = 0;
        for (int i = 0; i < 4; i++) {
            Strtoul n = strtoul(text, at);
            if (Long.compareUnsigned(n.value(), 255) > 0 || n.end() == at) {
                return Optional.empty();
            }
            value |= (int) n.value() << (24 - 8 * i);
            if (n.end() == text.length()) {
                return Optional.of(value);
            }
            if (i == 3 || text.charAt(n.end()) != '.') {
                return Optional.empty();
            }
            at = n.end() + 1;
        }
        return Optional.empty();
    }

    /** A prefix length as iproute2's get_netmask reads it: an unsigned number in C syntax, or a dotted netmask; -1 if neither. */
    private static long iproute2Netmask(String text) {
        if (!text.isEmpty()) {
            Strtoul n = strtoul(text, 0);
            if (n.end() != 0 && n.end() == text.length()) {
                return n.overflow() || Long.compareUnsigned(n.value(), UINT_MAX) > 0 ? -1 : n.value();
            }
        }
        Optional<Integer> mask = text.indexOf(':') >= 0 ? Optional.empty() : iproute2V4(text);
        if (mask.isEmpty()) {
            return -1;
        }
        int host = ~mask.get();
        return (host & (host + 1)) != 0 ? -1 : Integer.bitCount(mask.get());
    }

    /** A whole argument as C's strtoul(.., 0) reads it (blanks and a sign first; "" is 0), empty if anything is left over. */
    static OptionalLong cUnsigned(String text) {
        Strtoul n = strtoul(text, 0);
        return n.end() == text.length() ? OptionalLong.of(n.value()) : OptionalLong.empty();
    }

    /** What C's strtoul(s + from, &end, 0) gives: the value (wrapped to 64 bits when negated), where it stopped, overflow. */
    private record Strtoul(long value, int end, boolean overflow) {
    }

    private static Strtoul strtoul(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < s.length() && s.charAt(i) == '0') {
            base = 8;
            if (i + 2 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            }
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            int d = s.charAt(i) < 128 ? Character.digit(s.charAt(i), base) : -1;
            if (d < 0) {
                break;
            }
            long next = value * base + d;
            if (Long.compareUnsigned(value, Long.divideUnsigned(ULONG_MAX - d, base)) > 0) {
                overflow = true;
            }
            value = next;
        }
        if (i == start) {
            return new Strtoul(0, from, false); // no digits: nothing read
        }
        if (overflow) {
            return new Strtoul(ULONG_MAX, i, true);
        }
        return new Strtoul(negative ? -value : value, i, false);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
