package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.IpPrefix;
import io.nslab.model.NamespaceRef;
import io.nslab.sim.SimNetwork;

import java.util.HashMap;
import java.util.Map;

/**
 * What {@code ip addr} says of the duplicate address detection of the IPv6 addresses a script added: {@code nodad}
 * where {@code ip addr add ... nodad} asked for none; otherwise {@code tentative} while the device is not ready (down,
 * or without carrier: DAD waits for it) and for {@link #DAD_NANOS} after it became ready or the address was added,
 * whichever came later; then nothing; and nothing at all where accept_dad turns DAD off. The kernel ends DAD 1 to 2 s after that (a random delay below
 * rtr_solicit_delay's second, then dad_transmits' one probe and retrans_time's second) *seen*: listed every 0.2 s,
 * an address stopped being tentative between 1.3 and 2.0 s. At 2 s here, the usual {@code sleep 1} and {@code sleep 2}
 * of a script see what the kernel shows. Kept by the device's index, as {@link LinkExtras} keeps its own.
 *
 * <p>The simulated network itself does not wait: a tentative address already answers and sends there.
 */
final class AddressDad {
    /** How long an address stays tentative once its device is ready. */
    static final long DAD_NANOS = 2_000_000_000L;

    private record Key(NamespaceRef netns, int index, IpPrefix prefix) {
    }

    private static final class State {
        final boolean nodad;
        /** Since when the device is ready, or -1 while it is not. */
        long ready;
        long added;

        State(boolean nodad, long added) {
            this.nodad = nodad;
            this.added = added;
        }
    }

    private final Map<Key, State> states = new HashMap<>();

    /** An IPv6 address of {@code dev} was added, with {@code nodad} or not. */
    void added(SimNetwork net, NamespaceRef netns, IfName dev, IpPrefix prefix, boolean nodad) {
        State s = new State(nodad, System.nanoTime());
        s.ready = net.hasCarrier(netns, dev) ? s.added : -1;
        states.put(new Key(netns, net.linkIndex(netns, dev), prefix), s);
    }

    /** The address is gone (deleted, or flushed with its device). */
    void removed(SimNetwork net, NamespaceRef netns, IfName dev, IpPrefix prefix) {
        states.remove(new Key(netns, net.linkIndex(netns, dev), prefix));
    }

    /** A link went up or down, or a port joined a bridge: any device may have become ready, or stopped being. */
    void linksChanged(SimNetwork net) {
        if (states.isEmpty()) {
            return; // a script without IPv6 addresses of its own (the 1000-host star) pays nothing here
        }
        long now = System.nanoTime();
        Map<NamespaceRef, Map<Integer, IfName>> names = new HashMap<>();
        for (Map.Entry<Key, State> e : states.entrySet()) {
            Key k = e.getKey();
            IfName dev = names.computeIfAbsent(k.netns(), n -> byIndex(net, n)).get(k.index());
            boolean ready = dev != null && net.hasCarrier(k.netns(), dev);
            State s = e.getValue();
            if (ready && s.ready < 0) {
                s.ready = now;
            } else if (!ready) {
                s.ready = -1;
            }
        }
    }

    private static Map<Integer, IfName> byIndex(SimNetwork net, NamespaceRef netns) {
        Map<Integer, IfName> out = new HashMap<>();
        net.links(netns).forEach((name, index) -> out.put(index, name));
        return out;
    }

    /**
     * The flag {@code ip addr} shows for the address ("nodad", "tentative" or ""), or null for an address this did not
     * see added (nslab's own, which it adds with nodad). {@code dadOff}: neither the device's accept_dad nor conf/all's
     * is 1 or more, so no DAD runs.
     */
    String flag(NamespaceRef netns, int index, IpPrefix prefix, boolean dadOff) {
        State s = states.get(new Key(netns, index, prefix));
        if (s == null) {
            return null;
        }
        if (s.nodad) {
            return "nodad";
        }
        if (dadOff) {
            return ""; // *seen*: not tentative even on a device that is down
        }
        if (s.ready < 0) {
            return "tentative";
        }
        return System.nanoTime() - Math.max(s.ready, s.added) < DAD_NANOS ? "tentative" : "";
    }
}
