package io.nslab.netlink;

/**
 * A system call failed. The message names the call and the errno, as in
 * {@code setns(/run/netns/r1): EPERM (Operation not permitted)}.
 */
public class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final Errno errno;

    public NativeException(String call, int errno) {
        this(call, Errno.of(errno));
    }

    public NativeException(String call, Errno errno) {
        this(call + ": " + errno.name() + " (" + errno.text() + ")", call, errno);
    }

    protected NativeException(String message, String call, Errno errno) {
        super(message);
        this.call = call;
        this.errno = errno;
    }

    /** The failed call, with its main argument: {@code setns(/run/netns/r1)}, or a netlink request type. */
    public String call() {
        return call;
    }

    /** The errno; its name and text are for display, comparisons go by {@link #is}. */
    public Errno errno() {
        return errno;
    }

    /** True when the call failed with this errno: {@code e.is(Errno.ENODEV)}. */
    public boolean is(Errno e) {
        return errno.equals(e);
    }
}
