package io.nslab.probe;

import io.nslab.netlink.Errno;

/** Errors the sender's own kernel returns before a packet leaves: ping prints {@code ping: connect: <text>}. */
public enum LocalError {
    NETWORK_UNREACHABLE(Errno.ENETUNREACH),
    NO_ROUTE_TO_HOST(Errno.EHOSTUNREACH),
    INVALID_ARGUMENT(Errno.EINVAL),
    PERMISSION_DENIED(Errno.EACCES);

    private final Errno errno;

    LocalError(Errno errno) {
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }

    /** strerror() of the errno, as ping prints it. */
    public String text() {
        return errno.text();
    }
}
