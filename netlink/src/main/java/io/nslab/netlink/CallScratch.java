package io.nslab.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Native memory for system calls made one after another on one thread: the errno capture and a path, reused
 * from call to call. Deleting a thousand namespaces makes four thousand calls, and an arena and two
 * allocations for each were half of their cost in a fresh JVM. Confined to the thread that made it.
 */
final class CallScratch implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment state = LibC.callState(arena);
    private MemorySegment path;

    /** The errno capture segment for the next call. */
    MemorySegment state() {
        return state;
    }

    /** {@code s} as a NUL-terminated UTF-8 string, in space that the next call of this method reuses. */
    MemorySegment path(String s) {
        long room = 3L * s.length() + 1; // UTF-8 needs at most 3 bytes for each char (a surrogate pair: 4 for 2)
        if (path == null || path.byteSize() < room) {
            path = arena.allocate(Math.max(room, 256));
        }
        path.setString(0, s);
        return path;
    }

    int errno() {
        return LibC.errno(state);
    }

    @Override
    public void close() {
        arena.close();
    }
}
