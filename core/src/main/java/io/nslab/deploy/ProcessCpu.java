package io.nslab.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time this process has used so far, in user space and in the kernel, from {@code /proc/self/stat}
 * (clock ticks, 10 ms on most kernels): what tells a phase that waits on the kernel from one that
 * computes. Zero where it cannot be read.
 */
public record ProcessCpu(long userMillis, long systemMillis) {
    private static final long MILLIS_PER_TICK = 10; // USER_HZ is 100 on every Linux ABI nslab runs on

    public static ProcessCpu now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessCpu(Long.parseLong(f[11]) * MILLIS_PER_TICK, Long.parseLong(f[12]) * MILLIS_PER_TICK);
        } catch (IOException | RuntimeException e) {
            return new ProcessCpu(0, 0);
        }
    }

    public ProcessCpu minus(ProcessCpu earlier) {
        return new ProcessCpu(userMillis - earlier.userMillis, systemMillis - earlier.systemMillis);
    }
}
