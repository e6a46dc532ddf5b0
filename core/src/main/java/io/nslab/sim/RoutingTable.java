package io.nslab.sim;

import io.nslab.model.Family;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One FIB table (local or main). Routes are kept in the order {@code ip route show} lists them, then by metric,
 * then age. IPv4 (the fib trie's leaf order): by destination address, longer prefixes first for the same address.
 * IPv6 (the fib6 tree walked children first): a prefix after every prefix it contains, disjoint ones by address,
 * so {@code ::ffff:10.0.0.0/120} comes before {@code ::ffff:0:0/96} and a default route last. Lookups go through
 * an index by prefix length, rebuilt after each change, so all-pairs reachability of large labs stays cheap.
 */
final class RoutingTable {
    static final Comparator<SimRoute> LISTING_ORDER = Comparator
            .comparing((SimRoute r) -> r.destination().address().family())
            .thenComparing(SimRoute::destination, RoutingTable::destinationOrder)
            .thenComparingInt(SimRoute::metric)
            .thenComparingLong(SimRoute::seq);

    private static int destinationOrder(IpPrefix a, IpPrefix b) {
        if (a.equals(b)) {
            return 0; // the common case in a table of many links (each its fe80::/64): no masking
        }
        if (a.address().isV4()) {
            int c = a.address().compareTo(b.address());
            return c != 0 ? c : Integer.compare(b.length(), a.length());
        }
        int common = Math.min(a.length(), b.length());
        int c = a.address().masked(common).compareTo(b.address().masked(common));
        return c != 0 ? c : Integer.compare(b.length(), a.length());
    }

    final int id;
    private final List<SimRoute> routes = new ArrayList<>();
    private Index v4;
    private Index v6;

    RoutingTable(int id) {
        this.id = id;
    }

    List<SimRoute> routes() {
        return routes;
    }

    void add(SimRoute r) {
        // after every route that does not come later: a binary search, since the order is total (for IPv6 the
        // prefixes' bits compared as strings, a string before any it extends)
        int lo = 0;
        int hi = routes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (LISTING_ORDER.compare(routes.get(mid), r) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        routes.add(lo, r);
        v4 = null;
        v6 = null;
    }

    boolean removeIf(Predicate<SimRoute> p) {
        boolean changed = routes.removeIf(p);
        if (changed) {
            v4 = null;
            v6 = null;
        }
        return changed;
    }

    /**
     * The routes of the longest prefix containing {@code dst}, lowest metric first; the caller picks the
     * first usable one and, as fib_table_lookup does, backtracks to shorter prefixes when none is.
     */
    List<List<SimRoute>> candidates(IpAddress dst) {
        Index index = index(dst.family());
        List<List<SimRoute>> out = new ArrayList<>(2);
        for (int len : index.lengths) {
            List<SimRoute> hit = index.byLength.get(len).get(dst.masked(len));
            if (hit != null) {
                out.add(hit);
            }
        }
        return out;
    }

    /** The best route of the longest matching prefix, or null. */
    SimRoute first(IpAddress dst) {
        Index index = index(dst.family());
        for (int len : index.lengths) {
            List<SimRoute> hit = index.byLength.get(len).get(dst.masked(len));
            if (hit != null && !hit.isEmpty()) {
                return hit.getFirst();
            }
        }
        return null;
    }

    private Index index(Family family) {
        Index idx = family == Family.INET ? v4 : v6;
        if (idx == null) {
            idx = new Index(family, routes);
            if (family == Family.INET) {
                v4 = idx;
            } else {
                v6 = idx;
            }
        }
        return idx;
    }

    /** Routes of one family grouped by prefix length (longest first), each group keyed by masked address. */
    private static final class Index {
        final int[] lengths;
        final Map<Integer, Map<IpAddress, List<SimRoute>>> byLength = new HashMap<>();

        Index(Family family, List<SimRoute> routes) {
            for (SimRoute r : routes) {
                IpPrefix d = r.destination();
                if (d.family() != family) {
                    continue;
                }
                byLength.computeIfAbsent(d.length(), k -> new HashMap<>())
                        .computeIfAbsent(d.address(), k -> new ArrayList<>()).add(r);
            }
            for (Map<IpAddress, List<SimRoute>> m : byLength.values()) {
                for (List<SimRoute> l : m.values()) {
                    l.sort(Comparator.comparingInt(SimRoute::metric).thenComparingLong(SimRoute::seq));
                }
            }
            lengths = byLength.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i = 0, j = lengths.length - 1; i < j; i++, j--) {
                int t = lengths[i];
                lengths[i] = lengths[j];
                lengths[j] = t;
            }
        }
    }
}
