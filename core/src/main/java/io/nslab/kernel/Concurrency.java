package io.nslab.kernel;

/**
 * How many threads the kernel world uses, from the machine's processors unless a system property says otherwise
 * ({@code -Dnslab.threads=N} for namespace creation, {@code -Dnslab.sendThreads=N} for batches).
 */
public final class Concurrency {
    private Concurrency() {
    }

    /**
     * Threads that create namespaces: twice the processors. Each waits for its namespace thread and for the
     * kernel's locks, and the others fill those waits (1001 namespaces on two cores: 380-400 ms on two threads,
     * 305-340 on four, no better on six or eight).
     */
    public static int namespaceThreads() {
        return Integer.getInteger("nslab.threads", Math.max(2, 2 * processors()));
    }

    /** Threads that send a phase's batches: one per processor (each holds the RTNL lock in turn). */
    public static int sendThreads() {
        return Integer.getInteger("nslab.sendThreads", Math.max(1, processors()));
    }

    private static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }
}
