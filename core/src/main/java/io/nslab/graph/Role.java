package io.nslab.graph;

/** What a node does in the picture: drawn and named differently so that a learner sees the router at a glance. */
public enum Role {
    /** IPv4 or IPv6 forwarding on: packets pass through it. */
    ROUTER("router"),
    /** A node with a Linux bridge and forwarding off: a switch. */
    BRIDGE("bridge"),
    /** An end system: forwarding off, no bridge. */
    HOST("host"),
    /** The machine's own namespace, where the lab put {@code host:IFNAME} endpoints. */
    HOST_ENDPOINT("this machine");

    private final String word;

    Role(String word) {
        this.word = word;
    }

    /** The word the picture prints under the node's name, and its CSS class. */
    public String word() {
        return word;
    }

    /** The CSS class: one word. */
    public String cssClass() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
