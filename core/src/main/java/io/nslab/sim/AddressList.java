package io.nslab.sim;

import io.nslab.model.IpAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A namespace's addresses in the order {@code ip addr} keeps them (per device, primaries before secondaries; where a
 * new one goes is devinet's and addrconf's rule, decided by {@link AddressOps}), with the lookups the packet path
 * makes in O(1): is this address one of ours (inet_lookup_ifaddr), and which addresses has this device (its
 * in_device list). Inserting next to another address costs O(log n): each address carries an order label, with
 * room left between neighbours, so the order never has to be rebuilt for one change.
 */
final class AddressList implements Iterable<SimAddress> {
    /** Room left between the labels of addresses appended one after another. */
    private static final long GAP = 1L << 20;

    private final TreeMap<Long, SimAddress> order = new TreeMap<>();
    private final Map<SimAddress, Long> labels = new HashMap<>();
    /** Usually one owner per address; two devices may carry the same one. */
    private final Map<IpAddress, List<SimAddress>> byAddress = new HashMap<>();

    int size() {
        return labels.size();
    }

    @Override
    public Iterator<SimAddress> iterator() {
        return Collections.unmodifiableCollection(order.values()).iterator();
    }

    Stream<SimAddress> stream() {
        return order.values().stream();
    }

    /**
     * The device's addresses, in order; a live read-only view (copy it before changing the addresses). Kept on the
     * device itself, as the kernel keeps them on its in_device: no lookup on the packet path.
     */
    List<SimAddress> of(SimLink dev) {
        return dev == null ? List.of() : dev.addressView;
    }

    /** Whether any device has address {@code a}. */
    boolean contains(IpAddress a) {
        return byAddress.containsKey(a);
    }

    /** The first address (in order) equal to {@code a}. */
    Optional<SimAddress> owner(IpAddress a) {
        List<SimAddress> owners = byAddress.get(a);
        if (owners == null) {
            return Optional.empty();
        }
        SimAddress first = owners.getFirst();
        for (SimAddress o : owners) {
            if (labels.get(o) < labels.get(first)) {
                first = o;
            }
        }
        return Optional.of(first);
    }

    void append(SimAddress a) {
        place(a, order.isEmpty() ? 0 : order.lastKey() + GAP);
    }

    /** Puts {@code a} right after {@code x}, which is in the list. */
    void insertAfter(SimAddress x, SimAddress a) {
        long at = labels.get(x);
        Long next = order.higherKey(at);
        if (next == null) {
            place(a, at + GAP);
        } else if (next - at >= 2) {
            place(a, at + (next - at) / 2);
        } else {
            relabel();
            insertAfter(x, a);
        }
    }

    /** Puts {@code a} right before {@code x}, which is in the list. */
    void insertBefore(SimAddress x, SimAddress a) {
        long at = labels.get(x);
        Long previous = order.lowerKey(at);
        if (previous == null) {
            place(a, at - GAP);
        } else if (at - previous >= 2) {
            place(a, previous + (at - previous) / 2);
        } else {
            relabel();
            insertBefore(x, a);
        }
    }

    boolean remove(SimAddress a) {
        Long label = labels.remove(a);
        if (label == null) {
            return false;
        }
        order.remove(label);
        a.dev().addresses.remove(a);
        List<SimAddress> owners = byAddress.get(a.address());
        owners.remove(a);
        if (owners.isEmpty()) {
            byAddress.remove(a.address());
        }
        return true;
    }

    private void place(SimAddress a, long label) {
        if (labels.putIfAbsent(a, label) != null) {
            throw new IllegalStateException("address listed twice: " + a);
        }
        order.put(label, a);
        // the device's own list keeps the same order: after those of its addresses that come before
        List<SimAddress> own = a.dev().addresses;
        int i = own.size();
        while (i > 0 && labels.get(own.get(i - 1)) > label) {
            i--;
        }
        own.add(i, a);
        byAddress.computeIfAbsent(a.address(), k -> new ArrayList<>(1)).add(a);
    }

    /** Spreads the labels evenly again when two neighbours left no room between them (rare: 20 halvings). */
    private void relabel() {
        List<SimAddress> all = new ArrayList<>(order.values());
        order.clear();
        long label = 0;
        for (SimAddress a : all) {
            order.put(label, a);
            labels.put(a, label);
            label += GAP;
        }
    }
}
