package io.nslab.probe;

/**
 * {@code TO:PORT} as written after {@code nslab probe tcp FROM} and in port checks: {@code ns2:80},
 * {@code ns2:eth0:80}, {@code 10.0.2.2:80}, {@code [fd00::2]:80}. The port follows the last colon; an IPv6 address
 * goes in brackets, since {@code fd00::2:80} reads as an address.
 *
 * @param target what names the destination: an address, a node or node:ifname
 * @param port   1-65535
 * @param portAt where the port starts in the text (for positions in lab files)
 */
public record PortTarget(String target, int port, int portAt) {

    /** Reads {@code text}; throws IllegalArgumentException with the reason, in the user's terms. */
    public static PortTarget parse(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("\"" + t + "\" must be written [ADDRESS]:PORT, like [fd00::2]:80");
            }
            return new PortTarget(t.substring(1, close), port(t.substring(close + 2)), close + 2);
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("\"" + t + "\" needs a port: TO:PORT, like ns2:80 or 10.0.2.2:80");
        }
        String before = t.substring(0, colon);
        if (before.indexOf(':') >= 0 && looksLikeIpv6(t)) {
            throw new IllegalArgumentException("\"" + t + "\" reads as an IPv6 address; write an IPv6 destination with its port as "
                    + "[ADDRESS]:PORT, like [fd00::2]:80");
        }
        if (before.isEmpty()) {
            throw new IllegalArgumentException("\"" + t + "\" needs a destination before the port");
        }
        return new PortTarget(before, port(t.substring(colon + 1)), colon + 1);
    }

    private static boolean looksLikeIpv6(String t) {
        try {
            return !io.nslab.model.IpAddress.parse(t).isV4();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(String p) {
        int n;
        try {
            n = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port \"" + p + "\" is not a number in 1-65535");
        }
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("port " + n + " is not in 1-65535");
        }
        return n;
    }
}
