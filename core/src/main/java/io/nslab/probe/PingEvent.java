package io.nslab.probe;

import io.nslab.model.IpAddress;

import java.time.Duration;
import java.util.Optional;

/** What came back for one echo request, in arrival order. */
public sealed interface PingEvent {
    int seq();

    /** {@code 64 bytes from 10.10.20.2: icmp_seq=1 ttl=63 time=0.265 ms}. */
    record Reply(int seq, IpAddress from, int ttl, int bytes, Duration rtt) implements PingEvent {
    }

    /** {@code From 172.16.1.1 icmp_seq=1 Time to live exceeded}; a redirect names its new gateway. */
    record Error(int seq, IpAddress from, IcmpErrorKind kind, Optional<IpAddress> gateway) implements PingEvent {
    }
}
