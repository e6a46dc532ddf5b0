package io.nslab.probe;

import io.nslab.netlink.Errno;

/**
 * Errors the sender's own kernel returns before a packet leaves: ping prints {@code ping: connect: <text>}, or for a
 * source address ({@code -I}) that is none of the node's, {@code ping: bind: Cannot assign requested address}.
 */
public enum LocalError {
    NETWORK_UNREACHABLE(Errno.ENETUNREACH),
    NO_ROUTE_TO_HOST(Errno.EHOSTUNREACH),
    INVALID_ARGUMENT(Errno.EINVAL),
    PERMISSION_DENIED(Errno.EACCES),
    /** bind() of the source address refused: it is not an address of the sender (ping -I). */
    ADDRESS_NOT_AVAILABLE(Errno.EADDRNOTAVAIL),
    /**
     * connect() toward IPv6 with no candidate source address in the namespace at all (ip6_dst_lookup_tail: no address
     * that is not tentative, ::1 of an up lo and link-local ones included), which the kernel says before the route's
     * own error: {@code connect: Cannot assign requested address}.
     */
    NO_SOURCE_ADDRESS(Errno.EADDRNOTAVAIL),
    /**
     * send() of a UDP datagram that the sender's own output or postrouting chain dropped or rejected: nf_hook's
     * NF_DROP is EPERM to the sending process ({@code send: Operation not permitted}); nothing left the node.
     */
    SEND_FILTERED(Errno.EPERM);

    private final Errno errno;

    LocalError(Errno errno) {
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }

    /** The call that failed, as the tools name it: {@code bind}, {@code send} or {@code connect}. */
    public String call() {
        return switch (this) {
            case ADDRESS_NOT_AVAILABLE -> "bind";
            case SEND_FILTERED -> "send";
            case NETWORK_UNREACHABLE, NO_ROUTE_TO_HOST, INVALID_ARGUMENT, PERMISSION_DENIED, NO_SOURCE_ADDRESS -> "connect";
        };
    }

    /** Whether the refusal came from bind() of the source address rather than connect() to the destination. */
    public boolean isBind() {
        return this == ADDRESS_NOT_AVAILABLE;
    }

    /** strerror() of the errno, as ping prints it. */
    public String text() {
        return errno.text();
    }
}
