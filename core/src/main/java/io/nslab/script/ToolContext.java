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
record ToolContext(Path cwd, Duration interruptAfter, Supplier<KernelProfile> kernel, Optional<String> stdin,
                   Optional<String> file, boolean sharesFiles) {
    static final Duration DEFAULT_INTERRUPT = Duration.ofSeconds(4);

    ToolContext(Path cwd, Duration interruptAfter, Supplier<KernelProfile> kernel) {
        this(cwd, interruptAfter, kernel, Optional.empty(), Optional.empty(), true);
    }

    ToolContext withStdin(String text) {
        return new ToolContext(cwd, interruptAfter, kernel, Optional.of(text), file, sharesFiles);
    }

    /** The text of the file the call names, as the caller read it (the builtin sends it: see nslab-tools.c). */
    ToolContext withFile(String text) {
        return new ToolContext(cwd, interruptAfter, kernel, stdin, Optional.of(text), sharesFiles);
    }

    /** A context whose files are only what the caller sends: the simulator does not see the script's files. */
    ToolContext filesFromCallerOnly() {
        return new ToolContext(cwd, interruptAfter, kernel, stdin, file, false);
    }

    /**
     * The file {@code name} that the call reads (nft -f FILE, iptables-restore FILE): the text the caller sent,
     * else, where the simulator shares the script's files (in its sandbox), the file itself.
     */
    String readFile(String name) throws java.io.IOException {
        if (file.isPresent()) {
            return file.get();
        }
        if (!sharesFiles) {
            throw new java.nio.file.NoSuchFileException(name);
        }
        return java.nio.file.Files.readString(cwd.resolve(name));
    }

    /** The kernel the simulator plays. */
    KernelProfile profile() {
        return kernel.get();
    }

}
