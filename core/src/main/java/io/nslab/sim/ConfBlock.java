package io.nslab.sim;

import java.util.List;

/**
 * One {@code conf} block of a namespace's sysctls ({@code net.ipv4.conf.eth0.*}): a value for each of its family's
 * modelled keys, in their order. The keys are the family's, shared; the values an int array, so that a new device's
 * copy of {@code conf/default} is one array copy: a star's 1,000 hosts make some 10,000 blocks, most of them while
 * the code is still interpreted.
 */
final class ConfBlock {
    private final List<String> keys;
    private final int[] values;

    private ConfBlock(List<String> keys, int[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** A block of {@code keys} with these values, one for each key. */
    static ConfBlock of(List<String> keys, int... values) {
        if (keys.size() != values.length) {
            throw new IllegalStateException("a default for each modelled key: " + keys);
        }
        return new ConfBlock(List.copyOf(keys), values.clone());
    }

    ConfBlock copy() {
        return new ConfBlock(keys, values.clone());
    }

    /** The key's place in the block, or -1 for a key this family does not model. */
    private int indexOf(String key) {
        for (int i = 0; i < values.length; i++) {
            if (keys.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** The key's value, or {@code absent} for a key this family does not model. */
    int get(String key, int absent) {
        int i = indexOf(key);
        return i < 0 ? absent : values[i];
    }

    /** Sets a modelled key; any other is refused. */
    void put(String key, int value) {
        int i = indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("not a modelled conf key: " + key);
        }
        values[i] = value;
    }

    int size() {
        return values.length;
    }

    /** The {@code i}th key, in the family's order. */
    String key(int i) {
        return keys.get(i);
    }

    /** The {@code i}th key's value. */
    int value(int i) {
        return values[i];
    }
}
