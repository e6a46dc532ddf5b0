package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.List;

/**
 * A longest-prefix-match trie over one address family, modelled on the kernel's fib_trie: a path-compressed binary
 * trie (each node skips the bits its children share, so a lookup visits at most one node per distinct prefix length
 * on the way down, never one per table entry). Keys are prefixes, kept masked; a value hangs on the node of its exact
 * prefix. Insert, remove and lookup cost O(address bits), whatever the number of prefixes: a router with ten
 * thousand connected routes answers as fast as one with ten.
 *
 * <p>Addresses are read as 128-bit strings, an IPv4 address in the top 32 bits, so one trie serves either family
 * (a table keeps one trie per family).
 */
final class LpmTrie<V> {
    private static final class Node<V> {
        final long hi;
        final long lo;
        final int len;
        Node<V> zero;
        Node<V> one;
        V value;

        Node(long hi, long lo, int len) {
            this.hi = hi;
            this.lo = lo;
            this.len = len;
        }
    }

    private Node<V> root;
    private int size;

    /** How many prefixes carry a value. */
    int size() {
        return size;
    }

    /** The value of exactly this prefix, or null. */
    V get(IpPrefix p) {
        long hi = maskHi(keyHi(p.address()), p.length());
        long lo = maskLo(keyLo(p.address()), p.length());
        int len = p.length();
        Node<V> n = root;
        while (n != null && n.len <= len && common(hi, lo, n.hi, n.lo) >= n.len) {
            if (n.len == len) {
                return n.value;
            }
            n = bit(hi, lo, n.len) == 0 ? n.zero : n.one;
        }
        return null;
    }

    /** Sets the value of this prefix (not null); the value it had, or null. */
    V put(IpPrefix p, V value) {
        if (value == null) {
            throw new IllegalArgumentException("a trie value is never null; remove the prefix instead");
        }
        Node<V> n = node(maskHi(keyHi(p.address()), p.length()), maskLo(keyLo(p.address()), p.length()), p.length());
        V old = n.value;
        n.value = value;
        if (old == null) {
            size++;
        }
        return old;
    }

    /** Removes this prefix's value, and the nodes that then only lead elsewhere; the value it had, or null. */
    V remove(IpPrefix p) {
        long hi = maskHi(keyHi(p.address()), p.length());
        long lo = maskLo(keyLo(p.address()), p.length());
        Object[] removed = new Object[1];
        root = remove(root, hi, lo, p.length(), removed);
        @SuppressWarnings("unchecked")
        V old = (V) removed[0];
        if (old != null) {
            size--;
        }
        return old;
    }

    /** The value of the longest prefix that contains {@code dst}, or null: the lookup, allocating nothing. */
    V longest(IpAddress dst) {
        long hi = keyHi(dst);
        long lo = keyLo(dst);
        V best = null;
        Node<V> n = root;
        while (n != null && common(hi, lo, n.hi, n.lo) >= n.len) {
            if (n.value != null) {
                best = n.value;
            }
            if (n.len == 128) {
                break;
            }
            n = bit(hi, lo, n.len) == 0 ? n.zero : n.one;
        }
        return best;
    }

    /** The values of every prefix that contains {@code dst}, longest first (where fib_table_lookup backtracks to). */
    List<V> matching(IpAddress dst) {
        long hi = keyHi(dst);
        long lo = keyLo(dst);
        List<V> out = new ArrayList<>(2);
        Node<V> n = root;
        while (n != null && common(hi, lo, n.hi, n.lo) >= n.len) {
            if (n.value != null) {
                out.add(n.value);
            }
            if (n.len == 128) {
                break;
            }
            n = bit(hi, lo, n.len) == 0 ? n.zero : n.one;
        }
        return out.reversed();
    }

    /** The node of exactly this (masked) prefix, made when missing: splits a compressed edge where the key leaves it. */
    private Node<V> node(long hi, long lo, int len) {
        Node<V> parent = null;
        int dir = 0;
        Node<V> n = root;
        while (true) {
            if (n == null) {
                return attach(parent, dir, new Node<>(hi, lo, len));
            }
            int c = Math.min(common(hi, lo, n.hi, n.lo), Math.min(len, n.len));
            if (c == n.len) {
                if (n.len == len) {
                    return n;
                }
                parent = n;
                dir = bit(hi, lo, n.len);
                n = dir == 0 ? n.zero : n.one;
                continue;
            }
            if (c == len) {
                // the new prefix sits above n on n's edge
                Node<V> added = new Node<>(hi, lo, len);
                setChild(added, bit(n.hi, n.lo, len), n);
                return attach(parent, dir, added);
            }
            // the keys part at bit c: an internal node there, with n and the new leaf below it
            Node<V> fork = new Node<>(maskHi(hi, c), maskLo(lo, c), c);
            Node<V> added = new Node<>(hi, lo, len);
            setChild(fork, bit(n.hi, n.lo, c), n);
            setChild(fork, bit(hi, lo, c), added);
            attach(parent, dir, fork);
            return added;
        }
    }

    private Node<V> attach(Node<V> parent, int dir, Node<V> child) {
        if (parent == null) {
            root = child;
        } else {
            setChild(parent, dir, child);
        }
        return child;
    }

    private static <V> void setChild(Node<V> parent, int dir, Node<V> child) {
        if (dir == 0) {
            parent.zero = child;
        } else {
            parent.one = child;
        }
    }

    private static <V> Node<V> remove(Node<V> n, long hi, long lo, int len, Object[] removed) {
        if (n == null || n.len > len || common(hi, lo, n.hi, n.lo) < n.len) {
            return n;
        }
        if (n.len == len) {
            removed[0] = n.value;
            n.value = null;
        } else if (bit(hi, lo, n.len) == 0) {
            n.zero = remove(n.zero, hi, lo, len, removed);
        } else {
            n.one = remove(n.one, hi, lo, len, removed);
        }
        // a node without a value is kept only while it still forks
        if (n.value != null) {
            return n;
        }
        if (n.zero == null) {
            return n.one;
        }
        if (n.one == null) {
            return n.zero;
        }
        return n;
    }

    static long keyHi(IpAddress a) {
        return a.isV4() ? a.lo() << 32 : a.hi();
    }

    static long keyLo(IpAddress a) {
        return a.isV4() ? 0 : a.lo();
    }

    /** How many leading bits two 128-bit keys share. */
    static int common(long hi1, long lo1, long hi2, long lo2) {
        long x = hi1 ^ hi2;
        if (x != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        return 64 + Long.numberOfLeadingZeros(lo1 ^ lo2);
    }

    /** Bit {@code i} of the key, counted from the most significant. */
    static int bit(long hi, long lo, int i) {
        return (int) (i < 64 ? (hi >>> (63 - i)) & 1 : (lo >>> (127 - i)) & 1);
    }

    static long maskHi(long hi, int len) {
        return len == 0 ? 0 : len >= 64 ? hi : hi & (-1L << (64 - len));
    }

    static long maskLo(long lo, int len) {
        return len <= 64 ? 0 : len == 128 ? lo : lo & (-1L << (128 - len));
    }
}
