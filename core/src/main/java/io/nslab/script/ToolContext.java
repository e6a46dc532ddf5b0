package io.nslab.script;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a tool call knows beyond its argv: the caller's working directory (for files it names, as
 * {@code ip -batch FILE}), when a ping without a count is interrupted, and the kernel being played.
 *
 * @param interruptAfter when a person would press Ctrl-C at a ping or a traceroute that does not end by itself
 * @param profile        the kernel the simulator plays
 * @param stdin          the caller's standard input, for the tools that read it (iptables-restore without a file,
 *                       nft -f -): the tools' bash function reads it and sends it along (see tools.bash)
 */
record ToolContext(Path cwd, Duration interruptAfter, KernelProfile profile, java.util.Optional<String> stdin) {
    static final Duration DEFAULT_INTERRUPT = Duration.ofSeconds(4);

    ToolContext(Path cwd, Duration interruptAfter, KernelProfile profile) {
        this(cwd, interruptAfter, profile, java.util.Optional.empty());
    }

    ToolContext withStdin(String text) {
        return new ToolContext(cwd, interruptAfter, profile, java.util.Optional.of(text));
    }

    Path resolve(String file) {
        return cwd.resolve(file);
    }
}
