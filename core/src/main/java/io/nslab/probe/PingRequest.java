package io.nslab.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code ping} is asked to do: {@code ping -c COUNT -i INTERVAL -W TIMEOUT -t TTL -s SIZE -I SOURCE DST},
 * run inside namespace {@code netns}.
 *
 * @param timeout how long to wait for the answer to each request (ping -W)
 */
public record PingRequest(NamespaceRef netns, IpAddress destination, int count, Duration interval, Duration timeout,
                          OptionalInt ttl, int size, Optional<IpAddress> source, Optional<IfName> device) {

    public static final int DEFAULT_SIZE = 56;

    public static PingRequest of(NamespaceRef netns, IpAddress destination) {
        return new PingRequest(netns, destination, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), OptionalInt.empty(),
                DEFAULT_SIZE, Optional.empty(), Optional.empty());
    }
}
