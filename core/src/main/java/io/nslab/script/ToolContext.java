package io.nslab.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a tool call knows beyond its argv: the caller's working directory (for files it names, as
 * {@code ip -batch FILE}), when a ping without a count is interrupted, and the kernel being played.
 *
 * @param interruptAfter when a person would press Ctrl-C at a ping or a traceroute that does not end by itself
 * @param kernel         the kernel the simulator plays, probed on first use
 * @param stdin          the caller's standard input, for the tools that read it (iptables-restore without a file,
 *                       nft -f -): the tools' bash function reads it and sends it along (see tools.bash)
 */
record ToolContext(Path cwd, Duration interruptAfter, Supplier<KernelProfile> kernel, Optional<String> stdin) {
    static final Duration DEFAULT_INTERRUPT = Duration.ofSeconds(4);

    ToolContext(Path cwd, Duration interruptAfter, Supplier<KernelProfile> kernel) {
        this(cwd, interruptAfter, kernel, Optional.empty());
    }

    ToolContext withStdin(String text) {
        return new ToolContext(cwd, interruptAfter, kernel, Optional.of(text));
    }

    /** The kernel the simulator plays. */
    KernelProfile profile() {
        return kernel.get();
    }

    Path resolve(String file) {
        return cwd.resolve(file);
    }
}
