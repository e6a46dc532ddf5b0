package io.nslab.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a tool call knows beyond its argv: the caller's working directory (for files it names, as
 * {@code ip -batch FILE}), when a ping without a count is interrupted, and the kernel being played.
 *
 * @param interruptAfter when a person would press Ctrl-C at a ping or a traceroute that does not end by itself
 * @param kernel         the kernel the simulator plays, probed on first use
 */
record ToolContext(Path cwd, Duration interruptAfter, Supplier<KernelProfile> kernel) {
    static final Duration DEFAULT_INTERRUPT = Duration.ofSeconds(4);

    /** The kernel the simulator plays. */
    KernelProfile profile() {
        return kernel.get();
    }

    Path resolve(String file) {
        return cwd.resolve(file);
    }
}
