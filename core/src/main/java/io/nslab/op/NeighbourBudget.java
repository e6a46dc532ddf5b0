package io.nslab.op;

import io.nslab.model.Lab;
import io.nslab.model.NeighbourMode;

import java.util.ArrayList;
import java.util.List;

/**
 * The neighbour (ARP/NDP) entries a lab can need, by family: dynamic ones count against the host's
 * limits ({@code net.ipv4.neigh.default.gc_thresh2/3}, and the same under {@code net.ipv6}), which
 * exist only in the root namespace and are shared by every namespace on the host; static
 * (permanent) ones do not count.
 *
 * @param ipv4Dynamic  IPv4 entries learnt by ARP, at most (every member talking to every peer)
 * @param ipv6Dynamic  IPv6 entries learnt by NDP, at most
 * @param ipv4Static   permanent IPv4 entries nslab installs
 * @param ipv6Static   permanent IPv6 entries nslab installs
 * @param largest      the segment with the most dynamic entries, as a label ({@code r1:br0}), if any
 * @param largestEntries its dynamic entries
 */
public record NeighbourBudget(long ipv4Dynamic, long ipv6Dynamic, long ipv4Static, long ipv6Static, String largest,
                              long largestEntries) {

    public static NeighbourBudget of(Lab lab) {
        return of(NeighbourSegments.of(lab));
    }

    public static NeighbourBudget of(NeighbourSegments segments) {
        long[] counts = new long[4];
        String largest = null;
        long largestEntries = 0;
        for (List<NeighbourSegments.Member> seg : segments.segments()) {
            long[] dynamicHere = new long[1];
            NeighbourSegments.of(seg).forEachEntry(e -> {
                int i = (e.address().isV4() ? 0 : 1) + (e.owner().mode() == NeighbourMode.STATIC ? 2 : 0);
                counts[i]++;
                if (e.owner().mode() == NeighbourMode.DYNAMIC) {
                    dynamicHere[0]++;
                }
            });
            if (dynamicHere[0] > largestEntries) {
                largestEntries = dynamicHere[0];
                largest = seg.stream().filter(m -> !m.addresses().isEmpty()).findFirst()
                        .map(m -> m.node() + ":" + m.ifname()).orElse(null);
            }
        }
        return new NeighbourBudget(counts[0], counts[1], counts[2], counts[3], largest, largestEntries);
    }

    /** The host's limits of one family, as read from its root namespace. */
    public record Limits(String family, int thresh2, int thresh3) {
        String key(int n) {
            return "net." + family + ".neigh.default.gc_thresh" + n;
        }
    }

    /** What the budget means on a host. */
    public sealed interface Verdict {
        /** Within gc_thresh2: nothing to say. */
        record Fits() implements Verdict {
        }

        /** Above gc_thresh2 but within gc_thresh3: the kernel evicts entries under pressure; it works. */
        record Warning(String message) implements Verdict {
        }

        /** Above gc_thresh3: the table would overflow and starve the host; refuse. */
        record Over(String message) implements Verdict {
        }
    }

    /** The verdict for lab {@code labName} on a host with {@code ipv4} and {@code ipv6} limits. */
    public Verdict against(String labName, Limits ipv4, Limits ipv6) {
        List<String> over = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        judge(ipv4Dynamic, ipv4, "IPv4 (ARP)", over, warn);
        judge(ipv6Dynamic, ipv6, "IPv6 (NDP)", over, warn);
        String where = largest == null ? "" : String.format("; the largest segment (%s) alone needs %,d", largest, largestEntries);
        if (!over.isEmpty()) {
            return new Verdict.Over("lab " + labName + " needs " + String.join(" and ", over) + where + ".\n"
                    + "These limits live only in the host's root namespace and count the dynamic neighbour entries of all "
                    + "namespaces together; above gc_thresh3 the kernel drops entries (\"neighbor table overflow\"), pings "
                    + "stall for seconds and the host itself cannot resolve its neighbours. Nothing was created.\n"
                    + "Remedies:\n"
                    + "  - static neighbours: add \"neighbours: static\" under defaults: in the lab file (or per node or link);"
                    + " nslab then installs permanent entries, which do not count against the limits and need no ARP\n"
                    + "  - let nslab raise the host's limits for this lab: nslab up --tune-host (down and cleanup restore them)\n"
                    + "  - make the lab's segments smaller (fewer hosts per bridge, or fewer addresses per subnet)");
        }
        if (!warn.isEmpty()) {
            return new Verdict.Warning("lab " + labName + " can need " + String.join(" and ", warn) + where
                    + "; above it the kernel evicts entries under pressure (pings may see an extra ARP round trip). "
                    + "Consider \"neighbours: static\" under defaults:");
        }
        return new Verdict.Fits();
    }

    private static void judge(long need, Limits limits, String what, List<String> over, List<String> warn) {
        if (need > limits.thresh3()) {
            over.add(String.format("%,d dynamic %s neighbour entries, more than the host's %s = %d (%s = %d)", need, what,
                    limits.key(3), limits.thresh3(), limits.key(2), limits.thresh2()));
        } else if (need > limits.thresh2()) {
            warn.add(String.format("%,d dynamic %s neighbour entries, more than the host's %s = %d (the hard limit %s = %d is not reached)",
                    need, what, limits.key(2), limits.thresh2(), limits.key(3), limits.thresh3()));
        }
    }
}
