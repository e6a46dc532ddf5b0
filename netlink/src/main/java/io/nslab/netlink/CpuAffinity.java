package io.nslab.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/** sched_getaffinity(2) and sched_setaffinity(2) of the calling thread: the CPUs it may run on. */
public final class CpuAffinity {
    /** Bytes of the CPU sets passed: room for 4096 CPUs (the kernel wants room for every CPU it may have). */
    private static final int CPU_SET_BYTES = 512;

    // the shape of LongCalls: nslab script links these while it makes its sandbox, with inotify's
    private static final MethodHandle GET = LongCalls.link("sched_getaffinity");
    private static final MethodHandle SET = LongCalls.link("sched_setaffinity");

    private CpuAffinity() {
    }

    /** The CPUs the calling thread may run on (a new thread gets its creator's), in order. */
    public static List<Integer> allowed() {
        CallScratch scratch = CallScratch.begin();
        MemorySegment set = scratch.allocate(CPU_SET_BYTES, 8);
        if ((int) LongCalls.call(GET, 0, CPU_SET_BYTES, set.address(), 0) < 0) {
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
        if ((int) LongCalls.call(SET, 0, CPU_SET_BYTES, set.address(), 0) < 0) {
            throw new NativeException("sched_setaffinity(" + cpu + ")", scratch.errno());
        }
    }
}
