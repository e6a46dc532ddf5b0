package io.nslab.kernel.probe;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.netlink.Errno;
import io.nslab.netlink.NativeException;
import io.nslab.probe.LocalError;

import java.util.Arrays;
import java.util.Optional;

/** The sender's kernel refusing a probe before anything is sent, as ping reports it. */
final class LocalErrors {
    private LocalErrors() {
    }

    /** The local error of a failed {@code connect}, when it is one ping reports as {@code ping: connect: ...}. */
    static Optional<LocalError> of(NativeException e) {
        if (e.call().startsWith("bind") && e.is(Errno.EADDRNOTAVAIL)) {
            return Optional.of(LocalError.ADDRESS_NOT_AVAILABLE); // ping -I with an address that is not the node's
        }
        if (!e.call().startsWith("connect")) {
            return Optional.empty();
        }
        if (e.is(Errno.EPERM)) {
            return Optional.of(LocalError.PERMISSION_DENIED); // either refusal of permission is the one ping case
        }
        return Arrays.stream(LocalError.values()).filter(l -> !l.isBind() && e.is(l.errno())).findFirst();
    }

    /**
     * Any other refusal (a {@code -I} address that is not local: {@code ping: bind: Cannot assign requested address})
     * is bad input, exit 2 as for ping.
     */
    static NslabException other(String tool, NativeException e) {
        String call = e.call().contains("(") ? e.call().substring(0, e.call().indexOf('(')) : e.call();
        return new NslabException(ExitCode.BAD_INPUT, tool + ": " + call + ": " + e.errno().text(), e);
    }
}
