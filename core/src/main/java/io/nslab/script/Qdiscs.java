package io.nslab.script;

import io.nslab.model.NamespaceRef;

import java.util.HashMap;
import java.util.Map;

/**
 * The qdiscs {@code tc} attached in a script's world, per namespace and device: what {@code tc qdisc show} and
 * {@code ip link} show. Packets are not shaped (tbf, htb and pfifo change no one's reachability); a device
 * without one shows the kernel's default. A qdisc of a device that went (deleted, moved, renamed) goes with it.
 */
final class Qdiscs {
    /**
     * One attached qdisc.
     *
     * @param handle the major number ({@code 8001:} when the kernel chose it), or {@code 0xffff} for ingress
     * @param params  the rest of tc's line after {@code refcnt N }
     * @param ifindex the device's index when it was attached: a device made again under the name has none
     */
    record Qdisc(String kind, int handle, String params, boolean ingress, int ifindex) {
    }

    private final Map<NamespaceRef, Map<String, Qdisc>> root = new HashMap<>();
    private final Map<NamespaceRef, Map<String, Qdisc>> ingress = new HashMap<>();
    /** The kernel's automatic handles count up from 8001: (qdisc_alloc_handle). */
    private int nextAuto = 0x8001;

    Qdisc root(NamespaceRef netns, String dev) {
        return root.getOrDefault(netns, Map.of()).get(dev);
    }

    Qdisc ingress(NamespaceRef netns, String dev) {
        return ingress.getOrDefault(netns, Map.of()).get(dev);
    }

    void put(NamespaceRef netns, String dev, Qdisc q) {
        (q.ingress() ? ingress : root).computeIfAbsent(netns, n -> new HashMap<>()).put(dev, q);
    }

    void remove(NamespaceRef netns, String dev, boolean fromIngress) {
        Map<String, Qdisc> m = (fromIngress ? ingress : root).get(netns);
        if (m != null) {
            m.remove(dev);
        }
    }

    /** Forgets what was attached to devices that are no longer there: {@code links} are the namespace's, by name. */
    void prune(NamespaceRef netns, Map<String, Integer> links) {
        for (Map<NamespaceRef, Map<String, Qdisc>> side : java.util.List.of(root, ingress)) {
            Map<String, Qdisc> m = side.get(netns);
            if (m != null) {
                m.entrySet().removeIf(e -> !Integer.valueOf(e.getValue().ifindex()).equals(links.get(e.getKey())));
            }
        }
    }

    int autoHandle() {
        return nextAuto++;
    }
}
