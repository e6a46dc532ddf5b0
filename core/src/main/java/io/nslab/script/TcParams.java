package io.nslab.script;

import java.util.List;
import java.util.Locale;

/**
 * A qdisc's parameters as tc reads them (its units) and as it prints them back, the kernel's rounding included: a
 * tbf burst becomes a time in the kernel's ticks (psched: 15625 per microsecond on Linux 6) and a size again, so
 * {@code burst 1540} at 1500kbit reads back as 1539 bytes.
 */
final class TcParams {
    private static final String TBF_USAGE = "Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n"
            + "\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]\n";
    private static final double TICKS_PER_USEC = 15625;

    /** tc refused the parameters before asking the kernel (exit 1), with this message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private TcParams() {
    }

    /** The text after {@code refcnt N } in tc's listing; null for a kind the simulator does not keep. */
    static String render(String kind, List<String> p, int txqueuelen) throws Refused {
        return switch (kind) {
            case "tbf" -> tbf(p);
            case "pfifo_fast" -> "bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1";
            case "pfifo" -> "limit " + (p.size() >= 2 && p.get(0).equals("limit") ? Long.parseLong(p.get(1)) : txqueuelen) + "p";
            case "bfifo" -> "limit " + size(p.size() >= 2 && p.get(0).equals("limit") ? bytes(p.get(1)) : txqueuelen * 1514L);
            case "htb" -> htb(p, txqueuelen);
            case "ingress", "clsact" -> "---------------- ";
            default -> null;
        };
    }

    private static String htb(List<String> p, int txqueuelen) {
        long r2q = 10;
        long def = 0;
        for (int i = 0; i + 1 < p.size(); i += 2) {
            switch (p.get(i)) {
                case "r2q" -> r2q = Long.parseLong(p.get(i + 1));
                case "default" -> def = Long.parseLong(p.get(i + 1), 16);
                default -> throw new IllegalArgumentException("htb " + p.get(i) + " is not simulated");
            }
        }
        return "r2q " + r2q + " default " + (def == 0 ? "0" : "0x" + Long.toHexString(def)) + " direct_packets_stat 0 direct_qlen "
                + txqueuelen;
    }

    private static String tbf(List<String> p) throws Refused {
        Double rate = null;
        Long burst = null;
        Long limit = null;
        Double latency = null;
        for (int i = 0; i < p.size(); i++) {
            String w = p.get(i);
            String v = i + 1 < p.size() ? p.get(i + 1) : null;
            switch (w) {
                case "rate" -> rate = bitsPerSecond(value(v, w)) / 8;
                case "burst", "buffer", "maxburst" -> burst = bytes(value(v, w));
                case "limit" -> limit = bytes(value(v, w));
                case "latency" -> latency = microseconds(value(v, w));
                case "peakrate" -> throw new Refused("tbf: when \"peakrate\" is specified, \"mtu\" must also be specified.\n" + TBF_USAGE);
                default -> throw new Refused("tbf: unknown parameter \"" + w + "\"\n" + TBF_USAGE);
            }
            i++;
        }
        // tc names every missing parameter, then prints its usage once
        String missing = (rate == null ? "tbf: the \"rate\" parameter is mandatory.\n" : "")
                + (burst == null ? "tbf: the \"burst\" parameter is mandatory.\n" : "")
                + (limit == null && latency == null ? "tbf: either \"limit\" or \"latency\" is required.\n" : "");
        if (!missing.isEmpty()) {
            throw new Refused(missing + TBF_USAGE);
        }
        long rateBytes = (long) (double) rate;
        // tc_calc_xmittime: a whole number of microseconds, then ticks; the listing turns ticks back into time and size
        long usec = (long) (1e6 * burst / rateBytes);
        long ticks = (long) (usec * TICKS_PER_USEC);
        double bufferUsec = ticks / TICKS_PER_USEC;
        long shownBurst = (long) (rateBytes * bufferUsec / 1e6);
        long lim = limit != null ? limit : (long) (rateBytes * latency / 1e6 + burst);
        double lat = 1e6 * lim / rateBytes - bufferUsec;
        return "rate " + rate(rateBytes * 8) + " burst " + size(shownBurst) + " lat " + time(lat) + " ";
    }

    private static String value(String v, String keyword) throws Refused {
        if (v == null) {
            throw new Refused("tbf: Illegal \"" + keyword + "\"\n" + TBF_USAGE);
        }
        return v;
    }

    /** get_rate: bit or a bare number, kbit mbit gbit tbit (1000s), kibit mibit (1024s), bps kbps mbps (bytes). */
    static double bitsPerSecond(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        String[][] units = {{"tibit", "1099511627776"}, {"gibit", "1073741824"}, {"mibit", "1048576"}, {"kibit", "1024"},
            {"tbit", "1e12"}, {"gbit", "1e9"}, {"mbit", "1e6"}, {"kbit", "1e3"}, {"bit", "1"},
            {"tibps", "8796093022208"}, {"gibps", "8589934592"}, {"mibps", "8388608"}, {"kibps", "8192"},
            {"tbps", "8e12"}, {"gbps", "8e9"}, {"mbps", "8e6"}, {"kbps", "8e3"}, {"bps", "8"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                return Double.parseDouble(t.substring(0, t.length() - u[0].length())) * Double.parseDouble(u[1]);
            }
        }
        return Double.parseDouble(t);
    }

    /** get_size: a bare number or b is bytes; k kb m mb g gb are 1024s of bytes; kbit mbit gbit are 1024s of bits. */
    static long bytes(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        String[][] units = {{"kbit", "128"}, {"mbit", "131072"}, {"gbit", "134217728"}, {"kb", "1024"}, {"mb", "1048576"},
            {"gb", "1073741824"}, {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - u[0].length())) * Double.parseDouble(u[1]));
            }
        }
        return Long.parseLong(t);
    }

    /** get_time: s sec secs, ms msec msecs, us usec usecs; a bare number is microseconds. */
    static double microseconds(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        String[][] units = {{"msecs", "1e3"}, {"msec", "1e3"}, {"ms", "1e3"}, {"usecs", "1"}, {"usec", "1"}, {"us", "1"},
            {"secs", "1e6"}, {"sec", "1e6"}, {"s", "1e6"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                return Double.parseDouble(t.substring(0, t.length() - u[0].length())) * Double.parseDouble(u[1]);
            }
        }
        return Double.parseDouble(t);
    }

    /** sprint_rate: the largest of bit, Kbit, Mbit, Gbit that divides it, past a thousand. */
    static String rate(long bits) {
        String[] units = {"", "K", "M", "G", "T"};
        int i = 0;
        long r = bits;
        while (i < units.length - 1 && r >= 1000 && (r % 1000 == 0 || r >= 1_000_000)) {
            if (r % 1000 != 0) {
                break;
            }
            r /= 1000;
            i++;
        }
        return r + units[i] + "bit";
    }

    /** sprint_size: Mb or Kb when a whole number of them, else bytes. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + "Mb";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + "Kb";
        }
        return bytes + "b";
    }

    /** sprint_time64: three significant digits of s, ms or us. */
    static String time(double usec) {
        if (usec >= 1e6) {
            return g3(usec / 1e6) + "s";
        }
        if (usec >= 1e3) {
            return g3(usec / 1e3) + "ms";
        }
        return g3(usec) + "us";
    }

    private static String g3(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
