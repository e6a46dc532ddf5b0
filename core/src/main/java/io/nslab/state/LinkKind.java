package io.nslab.state;

/** The kinds of link a snapshot distinguishes, as {@code ip -d link} names them. */
public enum LinkKind {
    LOOPBACK, VETH, BRIDGE, OTHER
}
