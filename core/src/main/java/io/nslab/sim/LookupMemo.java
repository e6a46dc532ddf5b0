package io.nslab.sim;

import io.nslab.model.IpPrefix;
import io.nslab.state.AddressScope;
import io.nslab.state.RouteKind;

import java.util.Arrays;
import java.util.Optional;

/**
 * The answers a large table gave to IPv4 lookups since its last change, by destination: an open-addressing table of
 * longs and routes, so that a repeated lookup is one probe into two arrays where the trie walk chases a pointer per
 * level (what the kernel's dst cache spares a socket). A router of a thousand hosts is asked about the same two
 * thousand addresses two million times in an all-pairs run. Forgotten whole on any change of its table; emptied when
 * it fills up, so it stays small (at most {@link #MAX} answers).
 */
final class LookupMemo {
    /** Smaller tables are a walk of a few nodes: no memo. */
    static final int MIN_ROUTES = 64;
    static final int MAX = 1 << 16;
    /** The answer "no route": a route no table holds. */
    static final SimRoute NONE = new SimRoute(0, RouteKind.UNICAST, IpPrefix.parse("0.0.0.0/0"), Optional.empty(), null, 0,
            AddressScope.UNIVERSE, Optional.empty(), 0, false, -1);
    /** An IPv4 address is below 2^32: this key is no address. */
    private static final long EMPTY = -1;

    private long[] keys = empty(64);
    private SimRoute[] routes = new SimRoute[64];
    private int size;

    private static long[] empty(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    /** The remembered answer for this IPv4 address (its 32 bits), or null when there is none. */
    SimRoute get(long v4) {
        int mask = keys.length - 1;
        for (int i = slot(v4) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == v4) {
                return routes[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    void put(long v4, SimRoute route) {
        if (size >= MAX) {
            keys = empty(64);
            routes = new SimRoute[64];
            size = 0;
        } else if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(v4) & mask;
        while (keys[i] != EMPTY && keys[i] != v4) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = v4;
        routes[i] = route;
    }

    private void grow() {
        long[] oldKeys = keys;
        SimRoute[] oldRoutes = routes;
        keys = empty(oldKeys.length * 2);
        routes = new SimRoute[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                routes[i] = oldRoutes[j];
            }
        }
    }

    /** Fibonacci hashing: neighbouring addresses (a /30 per host) land far apart. */
    private static int slot(long v4) {
        return (int) ((v4 * 0x9E3779B97F4A7C15L) >>> 40);
    }
}
