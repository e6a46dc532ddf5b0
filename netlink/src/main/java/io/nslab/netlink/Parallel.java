package io.nslab.netlink;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs one action per index on a few platform threads (system calls that wait in the kernel, not work for
 * the cores), every index tried even after a failure.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Calls {@code action} for 0 to {@code count - 1}; returns the first failure, or null; waits for every index. */
    public static RuntimeException forEach(int count, int threads, IntConsumer action) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    action.accept(i);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int n = Math.min(threads, count);
        Thread[] started = new Thread[Math.max(0, n - 1)];
        for (int t = 0; t < started.length; t++) {
            started[t] = Thread.ofPlatform().name("nslab-parallel-" + t).start(worker);
        }
        if (n > 0) {
            worker.run();
        }
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure.get();
    }
}
