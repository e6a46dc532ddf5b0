package io.nslab.script;

import io.nslab.netlink.LongCalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A FIFO through which the simulator tells the script's prelude that the tools and their files are in place, so that
 * they can be made while the sandbox starts (its processes take some 45 ms before the prelude runs): the prelude
 * reads a line from it before it uses any of them ({@code prelude.sh}). The line is written once, into a FIFO this
 * process keeps open for reading and writing until {@link #close}, so it waits there whether the prelude opens the
 * FIFO before or after; and a prelude whose simulator failed meanwhile dies with its sandbox.
 */
final class ReadySignal implements AutoCloseable {
    private static final MethodHandle MKFIFO = LongCalls.link("mkfifo");

    private final Path path;
    private FileChannel held;

    private ReadySignal(Path path) {
        this.path = path;
    }

    /** Makes the FIFO at {@code path}, readable by the sandbox's root whatever this process's umask. */
    static ReadySignal make(Path path) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            if (LongCalls.call(MKFIFO, a.allocateFrom(path.toString()).address(), 0600, 0, 0) != 0) {
                throw new IOException("mkfifo " + path + ": errno " + LongCalls.errno());
            }
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        return new ReadySignal(path);
    }

    /** Says that all is ready. */
    void give() throws IOException {
        // read and write: an open for writing alone would wait for a reader, or fail without blocking
        held = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        held.write(ByteBuffer.wrap("ready\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void close() throws IOException {
        if (held != null) {
            held.close();
        }
    }
}
