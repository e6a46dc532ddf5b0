package io.nslab.op;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.netlink.Errno;

/**
 * An op the network refused, with the kernel's own words: {@code Error: Nexthop has invalid gateway.}
 * or {@code RTNETLINK answers: File exists}. The simulator throws the same for the same op.
 *
 * @see #errno() the errno the kernel answered with (EEXIST, EINVAL, ...)
 */
public final class OpException extends NslabException {
    private final Op op;
    private final Errno errno;
    private final String kernelMessage;

    public OpException(Op op, Errno errno, String kernelMessage) {
        super(ExitCode.ENVIRONMENT, op.command() + ": " + kernelMessage);
        this.op = op;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public OpException(Op op, Errno errno, String kernelMessage, Throwable cause) {
        super(ExitCode.ENVIRONMENT, op.command() + ": " + kernelMessage, cause);
        this.op = op;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public Op op() {
        return op;
    }

    /** The errno, compared by number: {@code e.errno().equals(Errno.EEXIST)}; its name is for display. */
    public Errno errno() {
        return errno;
    }

    /** What the kernel said: its extended ACK text if it gave one, else the errno's text. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
