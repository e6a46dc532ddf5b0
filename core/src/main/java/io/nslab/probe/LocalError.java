package io.nslab.probe;

/** Errors the sender's own kernel returns before a packet leaves: ping prints {@code ping: connect: <text>}. */
public enum LocalError {
    NETWORK_UNREACHABLE("ENETUNREACH", "Network is unreachable"),
    NO_ROUTE_TO_HOST("EHOSTUNREACH", "No route to host"),
    INVALID_ARGUMENT("EINVAL", "Invalid argument"),
    PERMISSION_DENIED("EACCES", "Permission denied");

    private final String errno;
    private final String text;

    LocalError(String errno, String text) {
        this.errno = errno;
        this.text = text;
    }

    public String errno() {
        return errno;
    }

    /** strerror() of the errno, as ping prints it. */
    public String text() {
        return text;
    }
}
