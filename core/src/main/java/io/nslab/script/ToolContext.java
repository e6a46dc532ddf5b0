package io.nslab.script;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a tool call knows beyond its argv: the caller's working directory (for files it names, as
 * {@code ip -batch FILE}), and when a ping without a count is interrupted.
 *
 * @param interruptAfter when a person would press Ctrl-C at a ping or a traceroute that does not end by itself
 */
record ToolContext(Path cwd, Duration interruptAfter) {
    static final Duration DEFAULT_INTERRUPT = Duration.ofSeconds(4);

    static ToolContext defaults() {
        return new ToolContext(Path.of("/"), DEFAULT_INTERRUPT);
    }

    Path resolve(String file) {
        return cwd.resolve(file);
    }
}
