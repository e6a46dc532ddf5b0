package io.nslab.netlink;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one action per item on a few platform threads (system calls that wait in the kernel, not work for
 * the cores), every item tried even after a failure.
 */
final class Parallel {
    private Parallel() {
    }

    /** Returns the first failure, or null; waits for every item. */
    static <T> RuntimeException forEach(List<T> items, int threads, Consumer<T> action) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                try {
                    action.accept(items.get(i));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int n = Math.min(threads, items.size());
        Thread[] started = new Thread[Math.max(0, n - 1)];
        for (int t = 0; t < started.length; t++) {
            started[t] = Thread.ofPlatform().name("nslab-parallel-" + t).start(worker);
        }
        worker.run();
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
