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
 * @param port        for a port check ({@code tcp:}/{@code udp:}): protocol, port and the outcome expected, which
 *                    replaces {@code expect}; empty for a ping
 */
public record Check(NodeName from, String target, IpAddress destination, Expectation expect, OptionalInt ttl,
                    Optional<IpAddress> errorFrom, int count, double timeoutSeconds, OptionalInt sendTtl, Optional<PortCheck> port) {

    /** A ping check. */
    public Check(NodeName from, String target, IpAddress destination, Expectation expect, OptionalInt ttl,
                 Optional<IpAddress> errorFrom, int count, double timeoutSeconds, OptionalInt sendTtl) {
        this(from, target, destination, expect, ttl, errorFrom, count, timeoutSeconds, sendTtl, Optional.empty());
    }

    /** {@code ping ns1 -> 10.10.20.2}, {@code tcp ns1 -> ns2:80}. */
    public String label() {
        return port.map(p -> p.protocol().word() + " " + from + " -> " + target + ":" + p.port()).orElse("ping " + from + " -> " + target);
    }

    /** The expected outcome's word: {@code reply}, {@code open}... */
    public String expectedWord() {
        return port.map(p -> p.expect().word()).orElse(expect.word());
    }
}
