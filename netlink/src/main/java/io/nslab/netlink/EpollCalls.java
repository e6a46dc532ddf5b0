package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * epoll_create1, epoll_ctl, epoll_wait. {@code struct epoll_event} is packed on x86-64 (12 bytes, the 64-bit data
 * at offset 4) and naturally aligned elsewhere (16 bytes, data at 8).
 */
final class EpollCalls {
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLLIN = 0x1;
    static final boolean PACKED = System.getProperty("os.arch").equals("amd64")
            || System.getProperty("os.arch").equals("x86_64");
    static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private static final MethodHandle CREATE = LibC.capturing("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle CTL = LibC.capturing("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle WAIT = LibC.capturing("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private EpollCalls() {
    }

    static int create() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.callState(arena);
            int fd = (int) CREATE.invokeExact(state, EPOLL_CLOEXEC);
            if (fd < 0) {
                throw new NativeException("epoll_create1", LibC.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** Adds or removes {@code fd}, watched for input, with {@code fd} itself as the event's data. */
    static void control(int epfd, int op, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.callState(arena);
            MemorySegment event = arena.allocate(EVENT_SIZE, 8);
            event.set(JAVA_INT_UNALIGNED, 0, EPOLLIN);
            event.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, fd);
            int rc = (int) CTL.invokeExact(state, epfd, op, fd, event);
            if (rc < 0) {
                throw new NativeException("epoll_ctl(" + (op == EPOLL_CTL_ADD ? "ADD" : "DEL") + ", " + fd + ")",
                        LibC.errno(state));
            }
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** Waits for events into {@code events} (room for {@code max}); returns how many, 0 on timeout or signal. */
    static int await(int epfd, MemorySegment events, int max, int timeoutMillis, MemorySegment state) {
        try {
            int n = (int) WAIT.invokeExact(state, epfd, events, max, timeoutMillis);
            if (n < 0) {
                int errno = LibC.errno(state);
                if (errno == LibC.EINTR) {
                    return 0;
                }
                throw new NativeException("epoll_wait", errno);
            }
            return n;
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    static int readyFd(MemorySegment events, int i) {
        return (int) events.get(JAVA_LONG_UNALIGNED, (long) i * EVENT_SIZE + DATA_OFFSET);
    }
}
