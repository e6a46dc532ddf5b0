package io.nslab.netlink.msg;

/** Bytes that do not decode as the netlink structure they should be; a bug on one side, never a user error. */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
