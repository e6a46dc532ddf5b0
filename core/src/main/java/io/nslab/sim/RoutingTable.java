package io.nslab.sim;

import io.nslab.model.Family;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One FIB table (local or main). Routes are kept in the order {@code ip route show} lists them, then by metric,
 * then age. IPv4 (the fib trie's leaf order): by destination address, longer prefixes first for the same address.
 * IPv6 (the fib6 tree walked children first): a prefix after every prefix it contains, disjoint ones by address,
 * so {@code ::ffff:10.0.0.0/120} comes before {@code ::ffff:0:0/96} and a default route last. Lookups go through
 * a longest-prefix-match trie per family ({@link LpmTrie}, the kernel's fib_trie as the model), kept up to date by
 * every change: a lookup costs the prefix's bits, not the table's size, and a change O(log n), never a rebuild.
 */
final class RoutingTable {
    /**
     * Family, destination, metric, then the order they were added. Written out, not a chain of comparing(): a table's
     * every insert compares a dozen times, and before the JIT compiles it each link of a chain is a call of its own.
     */
    static final Comparator<SimRoute> LISTING_ORDER = RoutingTable::listingOrder;

    private static int listingOrder(SimRoute a, SimRoute b) {
        int c = a.destination().address().family().compareTo(b.destination().address().family());
        if (c == 0) {
            c = destinationOrder(a.destination(), b.destination());
        }
        if (c == 0) {
            c = Integer.compare(a.metric(), b.metric());
        }
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    }

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

    /** Routes of one prefix, as fib_alias lists them: lowest metric first, then the order they were added. */
    static final Comparator<SimRoute> ALIAS_ORDER = (a, b) -> a.metric() != b.metric() ? Integer.compare(a.metric(), b.metric())
            : Long.compare(a.seq(), b.seq());

    final int id;
    /** Every route in listing order: adding or removing one is O(log n), never a re-sort. */
    private final TreeSet<SimRoute> listing = new TreeSet<>(LISTING_ORDER);
    private final SortedSet<SimRoute> view = Collections.unmodifiableSortedSet(listing);
    /** Per family, the routes of each prefix (alias order) on that prefix's node; lookups walk these. */
    private final LpmTrie<List<SimRoute>> v4 = new LpmTrie<>();
    private final LpmTrie<List<SimRoute>> v6 = new LpmTrie<>();
    /** The routes through each device, so that a device going down or away costs its own routes, not the table. */
    private final Map<SimLink, Set<SimRoute>> byDevice = new IdentityHashMap<>();
    private LookupMemo memo;

    RoutingTable(int id) {
        this.id = id;
    }

    /** Every route, in the order {@code ip route show} lists them (a live, read-only view). */
    SortedSet<SimRoute> routes() {
        return view;
    }

    void add(SimRoute r) {
        if (!listing.add(r)) {
            throw new IllegalStateException("route added twice: " + r);
        }
        IpPrefix d = r.destination();
        LpmTrie<List<SimRoute>> trie = trie(d.family());
        List<SimRoute> alias = trie.get(d);
        if (alias == null) {
            alias = new ArrayList<>(1);
            trie.put(d, alias);
        }
        int at = Collections.binarySearch(alias, r, ALIAS_ORDER);
        alias.add(at < 0 ? -at - 1 : at, r);
        if (r.dev() != null) {
            byDevice.computeIfAbsent(r.dev(), k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(r);
        }
        changed();
    }

    /** Removes this route (the very one); whether it was there. */
    boolean remove(SimRoute r) {
        if (!listing.remove(r)) {
            return false;
        }
        IpPrefix d = r.destination();
        LpmTrie<List<SimRoute>> trie = trie(d.family());
        List<SimRoute> alias = trie.get(d);
        alias.remove(r);
        if (alias.isEmpty()) {
            trie.remove(d);
        }
        if (r.dev() != null) {
            Set<SimRoute> through = byDevice.get(r.dev());
            through.remove(r);
            if (through.isEmpty()) {
                byDevice.remove(r.dev());
            }
        }
        changed();
        return true;
    }

    /** Removes every route {@code p} accepts: a walk of the whole table, for the rare change without a narrower key. */
    boolean removeIf(Predicate<SimRoute> p) {
        return removeAll(listing.stream().filter(p).toList());
    }

    /** Removes the routes through {@code dev} that {@code p} accepts: O(its routes × log n). */
    boolean removeVia(SimLink dev, Predicate<SimRoute> p) {
        Set<SimRoute> through = byDevice.get(dev);
        return through != null && removeAll(through.stream().filter(p).toList());
    }

    /** Removes the routes of exactly prefix {@code d} that {@code p} accepts. */
    boolean removeAt(IpPrefix d, Predicate<SimRoute> p) {
        return removeAll(at(d).stream().filter(p).toList());
    }

    private boolean removeAll(List<SimRoute> gone) {
        for (SimRoute r : gone) {
            remove(r);
        }
        return !gone.isEmpty();
    }

    /** The routes through {@code dev}, in no order: a handful, where {@link #at} of fe80::/64 holds one per device. */
    Set<SimRoute> via(SimLink dev) {
        Set<SimRoute> through = byDevice.get(dev);
        return through == null ? Set.of() : Collections.unmodifiableSet(through);
    }

    /** The routes of exactly prefix {@code d} (masked), lowest metric first; empty when there is none. */
    List<SimRoute> at(IpPrefix d) {
        List<SimRoute> alias = trie(d.family()).get(d);
        return alias == null ? List.of() : Collections.unmodifiableList(alias);
    }

    /**
     * The routes of every prefix containing {@code dst}, longest prefix first, each lowest metric first; the caller
     * picks the first usable one and, as fib_table_lookup does, backtracks to shorter prefixes when none is.
     */
    List<List<SimRoute>> candidates(IpAddress dst) {
        List<List<SimRoute>> out = trie(dst.family()).matching(dst);
        out.replaceAll(Collections::unmodifiableList);
        return out;
    }

    /**
     * The best route of the longest matching prefix, or null: one walk down the trie, nothing allocated. A large
     * table remembers its IPv4 answers (see {@link LookupMemo}) until its next change.
     */
    SimRoute first(IpAddress dst) {
        if (memo == null && dst.isV4() && listing.size() >= LookupMemo.MIN_ROUTES) {
            memo = new LookupMemo();
        }
        if (memo != null && dst.isV4()) {
            SimRoute known = memo.get(dst.lo());
            if (known != null) {
                return known == LookupMemo.NONE ? null : known;
            }
        }
        List<SimRoute> hit = trie(dst.family()).longest(dst);
        SimRoute best = hit == null ? null : hit.getFirst();
        if (memo != null && dst.isV4()) {
            memo.put(dst.lo(), best == null ? LookupMemo.NONE : best);
        }
        return best;
    }

    /** Called by every change: the memo's answers may be wrong now. */
    private void changed() {
        memo = null;
    }

    private LpmTrie<List<SimRoute>> trie(Family family) {
        return family == Family.INET ? v4 : v6;
    }
}
