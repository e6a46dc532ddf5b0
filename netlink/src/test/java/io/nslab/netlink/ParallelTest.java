package io.nslab.netlink;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnceOnAtMostTheThreadsAsked() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        var threads = ConcurrentHashMap.<Thread>newKeySet();
        assertThat(Parallel.forEach(1000, 8, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread());
        })).isNull();
        for (int i = 0; i < 1000; i++) {
            assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
        }
        assertThat(threads).hasSizeBetween(1, 8);
    }

    @Test
    void aFailureIsReturnedAndTheOtherIndexesStillRun() {
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        RuntimeException failure = Parallel.forEach(50, 4, i -> {
            runs.incrementAndGet(i);
            if (i % 10 == 3) {
                throw new IllegalStateException("item " + i);
            }
        });
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("item ").hasMessageEndingWith("3");
        for (int i = 0; i < 50; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void nothingToDoStartsNothing() {
        assertThat(Parallel.forEach(0, 8, i -> {
            throw new AssertionError("no index to run");
        })).isNull();
    }
}
