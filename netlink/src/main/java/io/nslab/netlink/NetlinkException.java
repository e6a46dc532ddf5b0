package io.nslab.netlink;

import java.util.Optional;

/**
 * The kernel refused a netlink request. The message carries the request type, the errno and, when the kernel
 * explained itself through extended ACK, its words:
 * {@code RTM_NEWROUTE: EINVAL (Invalid argument): Nexthop has invalid gateway.}
 */
public final class NetlinkException extends NativeException {
    private static final long serialVersionUID = 1L;

    private final String extAck;

    NetlinkException(String requestType, int errno, String extAck) {
        super(format(requestType, Errno.of(errno), extAck), requestType, Errno.of(errno));
        this.extAck = extAck;
    }

    /** The kernel's extended-ack message ({@code NLMSGERR_ATTR_MSG}), when it sent one. */
    public Optional<String> extAck() {
        return Optional.ofNullable(extAck);
    }

    private static String format(String requestType, Errno errno, String extAck) {
        String base = requestType + ": " + errno.name() + " (" + errno.text() + ")";
        if (extAck == null || extAck.isEmpty()) {
            return base;
        }
        // iproute2 ends the kernel's sentence with a period; so do we, so that both read the same.
        return base + ": " + extAck + (extAck.endsWith(".") ? "" : ".");
    }
}
