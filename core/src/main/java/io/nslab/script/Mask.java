package io.nslab.script;

/**
 * What may legitimately differ between a real run and a simulated one, replaced by placeholders before
 * comparing: round-trip times, MAC addresses, IPv6 link-local addresses (derived from MACs), the
 * ids the kernel numbers interfaces and peer namespaces with, a bridge's id (its MAC), the handle the kernel numbers a qdisc with (one counter for the whole machine), and ifconfig's packet
 * counters (its block's, and all of -s's: the bridge's TX-DRP too) (the kernel's count IPv6's own solicitations and reports, at times no script controls), routes'
 * linkdown flag and traceroute's late probes (both timing on a busy machine: see below).
 */
public final class Mask {
    private Mask() {
    }

    public static String apply(String s) {
        return s.replaceAll("time=[0-9.]+ ms", "time=T ms")
                .replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("rtt min/avg/max/mdev = \\S+ ms", "rtt min/avg/max/mdev = T ms")
                .replaceAll("  [0-9]+\\.[0-9]{3} ms", "  T ms")
                .replaceAll("(?m)^    inet6 fe80::.*\\n.*\\n", "")
                .replaceAll("(?m)^(\\d+: \\S+)    inet6 fe80::.*\\n", "")
                .replaceAll(" fe80::[0-9a-f:]+/64 ", " ")
                .replaceAll("(?m)^qdisc (\\S+) [89a-f][0-9a-f]{3}: ", "qdisc $1 8NNN: ")
                .replaceAll("inet6 fe80::[0-9a-f:]+  prefixlen", "inet6 fe80::X  prefixlen")
                .replaceAll("(?m)^        ([RT]X) packets [0-9]+  bytes [0-9]+ \\([0-9.]+ [KMG]?i?B\\)$", "        $1 packets N  bytes N")
                .replaceAll("(?m)^(\\S{1,15} +\\d+) +\\d+ +\\d+ +\\d+ \\d+ +\\d+ +\\d+ +\\d+ +\\d+( [A-Za-z]*)$", "$1 N N N N N N N N$2")
                .replaceAll("\\t8000\\.(?!000000000000)[0-9a-f]{12}\\t", "\t8000.MAC\t")
                .replaceAll("([0-9a-f]{2}:){5}[0-9a-f]{2}", "MAC")
                .replaceAll("@if[0-9]+", "@ifN")
                .replaceAll("link-netnsid [0-9]+", "link-netnsid N")
                .replaceAll("\\(id: [0-9]+\\)", "(id: N)")
                // the kernel flags routes linkdown from its link-watch work, which waits for the rtnl lock: on a busy
                // machine a listing seconds after the carrier change may not show it yet (the simulator's is tested in
                // LinuxSemanticsTest)
                .replaceAll(" linkdown(?= |$)", "")
                .transform(Mask::lateProbes);
    }

    private static final java.util.regex.Pattern HOP = java.util.regex.Pattern.compile("(?m)^( ?\\d+  \\S+)((?:  T ms| \\*)+) *$");

    /**
     * traceroute waits for a probe 3 times as long as another probe of the same hop took (-w 5,3,10): on a busy
     * machine a later probe's answer comes later than that and is printed as {@code *}. In a hop line with an
     * address and an answered probe, a {@code *} is masked as an answer; lines of stars alone (no answer, ICMP rate
     * limits) are compared as they are.
     */
    private static String lateProbes(String s) {
        return HOP.matcher(s).replaceAll(m -> m.group(2).contains("T ms")
                ? java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2).replace(" *", "  T ms"))
                : java.util.regex.Matcher.quoteReplacement(m.group()));
    }

    /** A line diff of two masked outputs in the style of {@code diff -u} without context, or "" when equal. */
    public static String diff(String kernelName, String kernel, String simName, String sim) {
        String[] a = apply(kernel).split("\n", -1);
        String[] b = apply(sim).split("\n", -1);
        if (java.util.Arrays.equals(a, b)) {
            return "";
        }
        // Longest common subsequence; scripts' outputs are small.
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder("--- " + kernelName + "\n+++ " + simName + "\n");
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                sb.append("@@ line ").append(i + 1).append(" +").append(b[j++]).append('\n');
            } else {
                sb.append("@@ line ").append(i + 1).append(" -").append(a[i++]).append('\n');
            }
        }
        return sb.toString();
    }
}
