package io.nslab.kernel;

import io.nslab.netlink.NativeException;
import io.nslab.netlink.NetlinkException;
import io.nslab.op.Op;
import io.nslab.op.OpException;

/**
 * Turns the netlink library's failures into {@link OpException}s worded as iproute2 words
 * them: {@code Error: Nexthop has invalid gateway.} when the kernel explained itself through
 * extended ACK, {@code RTNETLINK answers: File exists} when it gave only an errno.
 */
final class KernelErrors {
    private KernelErrors() {
    }

    static OpException of(Op op, NativeException e) {
        String text;
        if (e instanceof NetlinkException n && n.extAck().isPresent() && !n.extAck().get().isBlank()) {
            String ack = n.extAck().get();
            text = "Error: " + ack + (ack.endsWith(".") ? "" : ".");
        } else if (e instanceof NetlinkException) {
            text = "RTNETLINK answers: " + e.errno().text();
        } else {
            text = e.call() + ": " + e.errno().text();
        }
        return new OpException(op, e.errno(), text, e);
    }
}
