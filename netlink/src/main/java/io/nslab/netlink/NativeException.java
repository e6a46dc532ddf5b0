package io.nslab.netlink;

/**
 * A system call failed. The message names the call and the errno, as in
 * {@code setns(/run/netns/r1): EPERM (Operation not permitted)}.
 */
public class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    public NativeException(String call, int errno) {
        this(call + ": " + Errno.name(errno) + " (" + Errno.text(errno) + ")", call, errno);
    }

    protected NativeException(String message, String call, int errno) {
        super(message);
        this.call = call;
        this.errno = errno;
    }

    /** The failed call, with its main argument: {@code setns(/run/netns/r1)}, or a netlink request type. */
    public String call() {
        return call;
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, such as {@code EEXIST}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The C library's description of the errno, such as {@code File exists}. */
    public String errnoText() {
        return Errno.text(errno);
    }

    /** True when the errno has this symbolic name: {@code e.is("ENODEV")}. */
    public boolean is(String errnoName) {
        return errnoName().equals(errnoName);
    }
}
