package io.nslab.model;

/** RFC 5952 text for IPv6, as glibc's inet_ntop (and so iproute2) prints it. */
final class Ipv6Text {
    private Ipv6Text() {
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
