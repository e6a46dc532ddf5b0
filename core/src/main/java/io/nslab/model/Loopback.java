package io.nslab.model;

import java.util.List;

/** The node's {@code lo}: up or down, and addresses beyond 127.0.0.1/8 and ::1. */
public record Loopback(boolean up, List<IpPrefix> addresses) {

    public static final IfName NAME = IfName.of("lo");

    public Loopback {
        addresses = List.copyOf(addresses);
    }
}
