package io.nslab.netlink;

import java.util.Optional;

/**
 * The outcome of one request of a {@link Batch}.
 *
 * @param index   position of the request in the batch, from 0
 * @param command the equivalent {@code ip} command
 * @param error   the kernel's refusal, if it refused
 */
public record BatchResult(int index, String command, Optional<NetlinkException> error) {
    public boolean ok() {
        return error.isEmpty();
    }

    @Override
    public String toString() {
        return "#" + index + " " + command + error.map(e -> ": " + e.getMessage()).orElse(": ok");
    }
}
