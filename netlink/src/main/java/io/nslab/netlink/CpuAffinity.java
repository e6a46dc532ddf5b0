package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/** sched_getaffinity(2) and sched_setaffinity(2) of the calling thread: the CPUs it may run on. */
public final class CpuAffinity {
    /** Bytes of the CPU sets passed: room for 4096 CPUs (the kernel wants room for every CPU it may have). */
    private static final int CPU_SET_BYTES = 512;

    private static final MethodHandle GET = LibC.capturing("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle SET = LibC.capturing("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));

    private CpuAffinity() {
    }

    /** The CPUs the calling thread may run on (a new thread gets its creator's), in order. */
    public static List<Integer> allowed() {
        CallScratch scratch = CallScratch.begin();
        MemorySegment set = scratch.allocate(CPU_SET_BYTES, 8);
        int rc;
        try {
            rc = (int) GET.invokeExact(scratch.state(), 0, (long) CPU_SET_BYTES, set);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("sched_getaffinity", scratch.errno());
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < CPU_SET_BYTES * 8; i++) {
            if ((set.get(JAVA_BYTE, i / 8) & (1 << (i % 8))) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** Pins the calling thread to one CPU; a CPU outside its cpuset is refused (EINVAL). */
    public static void pin(int cpu) {
        if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
        CallScratch scratch = CallScratch.begin();
        MemorySegment set = scratch.allocate(CPU_SET_BYTES, 8);
        set.set(JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
        int rc;
        try {
            rc = (int) SET.invokeExact(scratch.state(), 0, (long) CPU_SET_BYTES, set);
        } catch (Throwable t) {
            throw LibC.rethrow(t);
        }
        if (rc < 0) {
            throw new NativeException("sched_setaffinity(" + cpu + ")", scratch.errno());
        }
    }
}
