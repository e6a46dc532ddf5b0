package io.nslab.script;

import io.nslab.netlink.LongCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * inotify(7), read without blocking: what the script wrote to its /proc/sys/net files is known before
 * the next tool call runs, since the kernel queues an event as the write happens. (The JDK's WatchService
 * reads the same queue on a thread of its own, so a call could come before the event it must see.)
 */
final class Inotify implements AutoCloseable {
    static final int IN_CLOSE_WRITE = 0x8;
    static final int IN_Q_OVERFLOW = 0x4000;
    /** The watch is of a directory itself, never of where a link would lead (the script may make links). */
    private static final int IN_ONLYDIR = 0x1000000;
    private static final int IN_DONT_FOLLOW = 0x2000000;
    private static final int IN_NONBLOCK = 0x800;
    private static final int IN_CLOEXEC = 0x80000;

    // one shape for all (LongCalls): each distinct one would cost its own generated classes before the script starts
    private static final MethodHandle INIT = LongCalls.link("inotify_init1");
    private static final MethodHandle ADD = LongCalls.link("inotify_add_watch");
    private static final MethodHandle RM = LongCalls.link("inotify_rm_watch");
    private static final MethodHandle READ = LongCalls.link("read");
    private static final MethodHandle POLL = LongCalls.link("poll");
    private static final MethodHandle CLOSE = LongCalls.link("close");
    private static final MethodHandle EVENTFD = LongCalls.link("eventfd");
    private static final MethodHandle WRITE = LongCalls.link("write");

    /** One event: the watch (a directory) and the name of the file in it; overflow means events were lost. */
    record Event(int watch, String name, boolean overflow) {
    }

    private final int fd;
    /**
     * Ends a wait at once ({@link #wake}): a thread left in poll(2) when the JVM exits holds the exit up for 300 ms (the
     * JVM waits that long for threads in native code to come back), a third of a short script's run.
     */
    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(64 * 1024, 8);

    Inotify() {
        fd = (int) LongCalls.call(INIT, IN_NONBLOCK | IN_CLOEXEC, 0, 0, 0);
        if (fd < 0) {
            arena.close();
            throw new IllegalStateException("inotify_init1 failed");
        }
        wakeFd = (int) LongCalls.call(EVENTFD, 0, IN_NONBLOCK | IN_CLOEXEC, 0, 0); // EFD_NONBLOCK and EFD_CLOEXEC: the same values
        if (wakeFd < 0) {
            LongCalls.call(CLOSE, fd, 0, 0, 0);
            arena.close();
            throw new IllegalStateException("eventfd failed");
        }
    }

    /** Links the native calls (this class's initialisation), so that the first inotify made later does not wait for it. */
    static void link() {
        // nothing else: the class is initialised by the call
    }

    /** Watches the files of a directory for writes that end; returns the watch's number. */
    int watch(Path dir) {
        try (Arena a = Arena.ofConfined()) {
            // the close of a write, not each write: "echo 1 > f" truncates first, and the empty file is no value
            int wd = (int) LongCalls.call(ADD, fd, a.allocateFrom(dir.toString()).address(), IN_CLOSE_WRITE | IN_ONLYDIR | IN_DONT_FOLLOW, 0);
            if (wd < 0) {
                throw new IllegalStateException("inotify_add_watch(" + dir + ") failed");
            }
            return wd;
        }
    }

    void unwatch(int wd) {
        LongCalls.call(RM, fd, wd, 0, 0); // fails only for a watch the kernel already dropped with its directory
    }

    /** Waits until an event is queued, {@code millis} pass or {@link #wake} is called; true when an event is queued. */
    boolean await(int millis) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(16, 4); // struct pollfd { int fd; short events; short revents; }[2]
            pfd.set(ValueLayout.JAVA_INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, (short) 1); // POLLIN
            pfd.set(ValueLayout.JAVA_INT, 8, wakeFd);
            pfd.set(ValueLayout.JAVA_SHORT, 12, (short) 1);
            int n = (int) LongCalls.call(POLL, pfd.address(), 2, millis, 0);
            return n > 0 && pfd.get(ValueLayout.JAVA_SHORT, 6) != 0;
        }
    }

    /** Ends the current and every later {@link #await} at once. */
    void wake() {
        try (Arena a = Arena.ofConfined()) {
            LongCalls.call(WRITE, wakeFd, a.allocateFrom(ValueLayout.JAVA_LONG, 1L).address(), 8, 0);
        }
    }

    /** The events queued so far. */
    List<Event> drain() {
        List<Event> out = new ArrayList<>();
        while (true) {
            long n = LongCalls.call(READ, fd, buffer.address(), buffer.byteSize(), 0);
            if (n <= 0) {
                return out; // EAGAIN: nothing more
            }
            long off = 0;
            while (off + 16 <= n) {
                int wd = buffer.get(ValueLayout.JAVA_INT, off);
                int mask = buffer.get(ValueLayout.JAVA_INT, off + 4);
                int len = buffer.get(ValueLayout.JAVA_INT, off + 12);
                String name = len > 0 ? buffer.asSlice(off + 16, len).getString(0) : "";
                out.add(new Event(wd, name, (mask & IN_Q_OVERFLOW) != 0));
                off += 16 + len;
            }
        }
    }

    @Override
    public void close() {
        LongCalls.call(CLOSE, fd, 0, 0, 0);
        LongCalls.call(CLOSE, wakeFd, 0, 0, 0);
        arena.close();
    }
}
