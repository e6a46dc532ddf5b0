package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;

import java.util.Optional;

/**
 * What the sender of one echo request gets back, and when: an echo reply (with the TTL it arrived
 * with), an ICMP message, or nothing. {@code request} and {@code answer} keep the walks for --explain.
 */
record Probe(Outcome request, Optional<Outcome> answer, Optional<Answer> seen) {

    /** An answer that reached the sender's socket at {@code seconds} after the run began. */
    record Answer(double seconds, IpAddress from, Optional<IcmpErrorKind> error, int ttl, Optional<IpAddress> gateway) {
    }
}
