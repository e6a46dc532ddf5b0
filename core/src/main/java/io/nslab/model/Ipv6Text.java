package io.nslab.model;

/**
 * IPv6 text: RFC 5952 as glibc's inet_ntop (and so iproute2) prints it, and RFC 4291 as inet_pton reads it
 * (which is how {@code ip} reads an IPv6 address).
 */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /**
     * The 16 bytes of {@code text}, read as inet_pton reads them: groups of one to four hex digits, one
     * {@code ::} standing for at least one zero group, and optionally a dotted-quad tail in place of the
     * last two groups (decimal octets without leading zeros). Stricter than the JDK, which takes five-digit
     * groups and {@code ::ffff:010.0.0.1}; the kernel's tools refuse both.
     */
    static byte[] parse(String text) {
        int[] words = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.isEmpty() || text.charAt(0) == ':') {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        while (i < len) {
            int end = i;
            while (end < len && text.charAt(end) != ':') {
                end++;
            }
            String group = text.substring(i, end);
            if (group.indexOf('.') >= 0) {
                if (end != len || n > 6) {
                    throw new IllegalArgumentException("not an IPv6 address (a dotted IPv4 part must come last, in place of two groups)");
                }
                int v4;
                try {
                    v4 = IpAddress.parse(group).v4bits();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not an IPv6 address (its IPv4 part \"" + group
                            + "\" must be four decimal numbers up to 255, without leading zeros)");
                }
                words[n++] = v4 >>> 16;
                words[n++] = v4 & 0xffff;
                i = end;
                break;
            }
            if (group.isEmpty() || group.length() > 4 || !IpAddress.digits(group, 16)) {
                throw new IllegalArgumentException(group.length() > 4 && IpAddress.digits(group, 16)
                        ? "not an IPv6 address (group \"" + group + "\" has more than four hex digits)" : "not an IPv6 address");
            }
            if (n == 8) {
                throw new IllegalArgumentException("not an IPv6 address (more than eight groups)");
            }
            words[n++] = Integer.parseInt(group, 16);
            if (end == len) {
                i = end;
                break;
            }
            i = end + 1; // past ':'
            if (i < len && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw new IllegalArgumentException("not an IPv6 address (\"::\" twice)");
                }
                gap = n;
                i++;
            } else if (i == len) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
        }
        if (gap >= 0 ? n == 8 : n != 8) {
            throw new IllegalArgumentException(gap >= 0 ? "not an IPv6 address (\"::\" with eight groups besides)"
                    : "not an IPv6 address (eight groups, or fewer with \"::\")");
        }
        byte[] out = new byte[16];
        int tail = n - Math.max(gap, 0);
        for (int k = 0; k < n; k++) {
            int at = gap >= 0 && k >= gap ? 8 - tail + (k - gap) : k;
            out[2 * at] = (byte) (words[k] >>> 8);
            out[2 * at + 1] = (byte) words[k];
        }
        return out;
    }

    static String format(long hi, long lo) {
        int[] words = new int[8];
        for (int i = 0; i < 4; i++) {
            words[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            words[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        // inet_ntop writes IPv4-mapped and IPv4-compatible addresses with a dotted tail
        boolean mapped = hi == 0 && (lo >>> 32) == 0xffffL;
        boolean compat = hi == 0 && (lo >>> 32) == 0 && (lo & 0xffffffffL) > 0xffff;
        int bestStart = -1;
        int bestLen = 0;
        int limit = (mapped || compat) ? 6 : 8;
        for (int i = 0; i < limit; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < limit && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < limit; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(words[i]));
            if (i < limit - 1 || limit == 6) {
                sb.append(':');
            }
        }
        if (limit == 6) {
            int v4 = (int) lo;
            sb.append(v4 >>> 24).append('.').append((v4 >>> 16) & 0xff).append('.')
                    .append((v4 >>> 8) & 0xff).append('.').append(v4 & 0xff);
        }
        return sb.toString();
    }
}
