package io.nslab.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An expected-connectivity check: {@code ping: ns1 -> 10.10.20.2}, expecting a reply.
 *
 * @param from        the node that pings
 * @param target      the destination as written ({@code 10.10.20.2}, {@code ns2}, {@code ns2:v2})
 * @param destination the address pinged
 * @param expect      the outcome expected
 * @param ttl         for replies: the TTL the reply must arrive with
 * @param errorFrom   for errors: the address the ICMP error must come from
 * @param count       echo requests sent
 * @param timeoutSeconds how long to wait for each answer
 * @param sendTtl     TTL of the requests (ping -t)
 */
public record Check(NodeName from, String target, IpAddress destination, Expectation expect, OptionalInt ttl,
                    Optional<IpAddress> errorFrom, int count, double timeoutSeconds, OptionalInt sendTtl) {

    /** {@code ping ns1 -> 10.10.20.2}. */
    public String label() {
        return "ping " + from + " -> " + target;
    }
}
