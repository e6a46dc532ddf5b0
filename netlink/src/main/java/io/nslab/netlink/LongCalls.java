package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * C library functions called through one shape, {@code long f(long, long, long, long)}, errno captured: ints, sizes
 * and pointers (their addresses) all pass as longs, unused arguments as 0, and an int function's result is the low half
 * of the long. The first link of each distinct shape costs the JVM classes it generates and then compiles: ten handles
 * of six shapes took 42 ms to link, ten of this one 20 ms, 17 classes made instead of 65 (JDK 25, with an ahead-of-time
 * cache). A short command that makes a few calls of many kinds, as {@code nslab script} does before its script starts,
 * pays more for the linking than for the calls.
 *
 * <p>Sound on the 64-bit ABIs the JDK's linker supports (x86-64, AArch64, RISC-V, ppc64le, s390x): the first arguments
 * go in integer registers, a callee reads only the ones it declares and only the low half of an int, and a pointer is
 * a 64-bit integer.
 */
public final class LongCalls {
    private static final FunctionDescriptor SHAPE = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private LongCalls() {
    }

    /** The C library's function {@code name}, for {@link #call}. */
    public static MethodHandle link(String name) {
        return LibC.capturing(name, SHAPE);
    }

    /** Calls a function of {@link #link} with up to four arguments; its result (an int function's: {@code (int)} of it). */
    public static long call(MethodHandle function, long a, long b, long c, long d) {
        try {
            return (long) function.invokeExact(CallScratch.current().state(), a, b, c, d);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
    }

    /** The errno that this thread's last {@link #call} left. */
    public static int errno() {
        return CallScratch.current().errno();
    }
}
