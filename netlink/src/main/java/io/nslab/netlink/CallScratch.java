package io.nslab.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Native memory that a thread reuses for every system call it makes: the errno capture, the call's small
 * arguments (paths, socket addresses, option values), and the netlink send and receive buffers. A fresh JVM
 * runs the call helpers interpreted, and an arena with two or three allocations for each call was a large part
 * of their cost: creating a thousand namespaces makes some fifteen thousand calls.
 *
 * <p>Each call helper starts with {@link #begin()}, which takes back what the previous call on this thread
 * used, and is done with the memory when it returns: nothing here may be kept, or used across a call to
 * another helper. The memory is freed by the garbage collector once its thread has ended.
 */
final class CallScratch {
    private static final ThreadLocal<CallScratch> CURRENT = ThreadLocal.withInitial(CallScratch::new);
    /**
     * Room for one call's arguments: the largest nslab passes (a probe's sendmsg) take about 250 bytes, and
     * rarer larger ones get memory of their own. Small, because {@code check} runs each probe on a virtual
     * thread of its own, each with its own scratch until the garbage collector frees it.
     */
    private static final long ARGUMENTS = 1024;

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment state = LibC.callState(arena);
    private final MemorySegment arguments = arena.allocate(ARGUMENTS, 16);
    private long used;
    private MemorySegment send;
    private MemorySegment receive;

    private CallScratch() {
    }

    /** This thread's scratch, empty, for the next call. */
    static CallScratch begin() {
        CallScratch s = CURRENT.get();
        s.used = 0;
        return s;
    }

    /** This thread's scratch as the last call left it (its errno), without taking its memory back. */
    static CallScratch current() {
        return CURRENT.get();
    }

    /** The errno capture segment. */
    MemorySegment state() {
        return state;
    }

    /** The errno the last call captured. */
    int errno() {
        return LibC.errno(state);
    }

    /** {@code bytes} zeroed bytes, aligned to {@code align}, until the next {@link #begin()}. */
    MemorySegment allocate(long bytes, long align) {
        long offset = (used + align - 1) & -align;
        if (offset + bytes > ARGUMENTS) {
            return Arena.ofAuto().allocate(bytes, align);
        }
        used = offset + bytes;
        return arguments.asSlice(offset, bytes).fill((byte) 0);
    }

    /** {@code s} as a NUL-terminated UTF-8 string. */
    MemorySegment string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment out = allocate(utf8.length + 1L, 1);
        MemorySegment.copy(utf8, 0, out, ValueLayout.JAVA_BYTE, 0, utf8.length);
        return out;
    }

    /** An int, as setsockopt takes its value. */
    MemorySegment intValue(int value) {
        MemorySegment out = allocate(4, 4);
        out.set(ValueLayout.JAVA_INT, 0, value);
        return out;
    }

    /** {@code length} bytes of {@code data} from {@code offset}, in a buffer kept for sending. */
    MemorySegment sendBuffer(byte[] data, int offset, int length) {
        if (send == null || send.byteSize() < length) {
            send = arena.allocate(Math.max(length, 64 * 1024), 8);
        }
        MemorySegment out = send.asSlice(0, length);
        MemorySegment.copy(data, offset, out, ValueLayout.JAVA_BYTE, 0, length);
        return out;
    }

    /** A buffer of {@code size} bytes, kept for receiving. */
    MemorySegment receiveBuffer(int size) {
        if (receive == null || receive.byteSize() < size) {
            receive = arena.allocate(size, 8);
        }
        return receive.asSlice(0, size);
    }
}
