package io.nslab.script;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.NamespaceRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the tools show of a link that the simulated network does not model, because it changes no packet's fate
 * here: a bridge's STP switch (brctl stp), a MAC set by hand (a bridge's id), the broadcast address ifconfig gave an address,
 * an IPv4 address's label, the offloads ethtool
 * turned off. Each is kept by the link's index in its namespace, so a link made again under the same name
 * starts afresh, as the kernel's would.
 */
final class LinkExtras {
    private record Link(NamespaceRef netns, int index) {
        // Written out, the generated pair's values: see SimAddress's. Each `ip link set` asks for one.
        @Override
        public boolean equals(Object o) {
            return o instanceof Link l && l.index == index && java.util.Objects.equals(l.netns, netns);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(netns) * 31 + index;
        }
    }

    private record Address(Link link, IpPrefix prefix) {
        // Written out, as Link's: the generated pair made four classes at the first `ip addr add`, a script's calls
        // waiting.
        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && a.link.equals(link) && a.prefix.equals(prefix);
        }

        @Override
        public int hashCode() {
            return link.hashCode() * 31 + prefix.hashCode();
        }
    }

    private final Set<Link> stp = new HashSet<>();
    private final Map<Address, IpAddress> broadcasts = new HashMap<>();
    private final Map<Address, String> labels = new HashMap<>();
    private final Map<Link, Set<String>> offloadsOff = new HashMap<>();
    private final Set<Link> macSet = new HashSet<>();
    private final Set<Link> wasUp = new HashSet<>();

    /**
     * The link was up once: the kernel gave it its default qdisc then (noqueue for a veth, a bridge, lo), and keeps
     * it when the link goes down; a link never up shows noop.
     */
    void wasUp(NamespaceRef netns, int index) {
        wasUp.add(new Link(netns, index));
    }

    boolean hasBeenUp(NamespaceRef netns, int index) {
        return wasUp.contains(new Link(netns, index));
    }

    /** A MAC set by hand: a bridge then keeps it as its id, ports or not. */
    void macSet(NamespaceRef netns, int index) {
        macSet.add(new Link(netns, index));
    }

    boolean hasMacSet(NamespaceRef netns, int index) {
        return macSet.contains(new Link(netns, index));
    }

    boolean stp(NamespaceRef netns, int index) {
        return stp.contains(new Link(netns, index));
    }

    void setStp(NamespaceRef netns, int index, boolean on) {
        if (on) {
            stp.add(new Link(netns, index));
        } else {
            stp.remove(new Link(netns, index));
        }
    }

    IpAddress broadcast(NamespaceRef netns, int index, IpPrefix prefix) {
        return broadcasts.get(new Address(new Link(netns, index), prefix));
    }

    void setBroadcast(NamespaceRef netns, int index, IpPrefix prefix, IpAddress brd) {
        if (brd == null) {
            broadcasts.remove(new Address(new Link(netns, index), prefix));
        } else {
            broadcasts.put(new Address(new Link(netns, index), prefix), brd);
        }
    }

    /** The label {@code ip addr add ... label LABEL} gave an IPv4 address, or null (the device's name then). */
    String label(NamespaceRef netns, int index, IpPrefix prefix) {
        return labels.get(new Address(new Link(netns, index), prefix));
    }

    void setLabel(NamespaceRef netns, int index, IpPrefix prefix, String label) {
        if (label == null) {
            labels.remove(new Address(new Link(netns, index), prefix));
        } else {
            labels.put(new Address(new Link(netns, index), prefix), label);
        }
    }

    /** The ethtool features turned off on a link, by ethtool's long names. */
    Set<String> offloadsOff(NamespaceRef netns, int index) {
        return offloadsOff.computeIfAbsent(new Link(netns, index), k -> new HashSet<>());
    }
}
