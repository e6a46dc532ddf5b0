package io.nslab.probe;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code nslab probe tcp|udp FROM TO:PORT}: a connection attempt from {@code from}'s namespace.
 *
 * @param listener the namespace of the node that holds the destination address, where nslab listens on the port for
 *                 the probe's duration when nothing listens there (empty: the destination is no node's, nobody listens)
 * @param timeout  how long to wait for an answer
 * @param listenPort the port nslab listens on there: {@code port}, unless a DNAT on the way changes it
 */
public record PortRequest(NamespaceRef from, IpAddress destination, PortProtocol protocol, int port, Duration timeout,
                          Optional<NamespaceRef> listener, int listenPort) {

    /** A probe listened for where it is sent. */
    public PortRequest(NamespaceRef from, IpAddress destination, PortProtocol protocol, int port, Duration timeout,
                       Optional<NamespaceRef> listener) {
        this(from, destination, protocol, port, timeout, listener, port);
    }

    /** Longer than the 3 s after which an unanswered neighbour resolution becomes host unreachable, so that shows. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);

    public PortRequest {
        if (port < 1 || port > 65535 || listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("port " + (port < 1 || port > 65535 ? port : listenPort) + " is not in 1-65535");
        }
    }

    /** {@code tcp 10.0.2.2:80}, {@code udp [fd00::2]:53}. */
    public String target() {
        return protocol.word() + " " + (destination.isV4() ? destination + ":" + port : "[" + destination + "]:" + port);
    }
}
