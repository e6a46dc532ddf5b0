package io.nslab.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one fuzz input on a worker thread with a time bound. A worker that overruns is abandoned
 * (interrupted, and left to die as a daemon) and the next input gets a fresh one, so one hang
 * is counted as one hang and cannot stall the run.
 */
public final class Bounded {
    /** What one input did. */
    public sealed interface Outcome {
        /** Ended as it should: a result, or a clean error. */
        record Clean() implements Outcome {
        }

        /** Ended in an exception that is not a clean error, or failed the input's assertions. */
        record Crash(Throwable error) implements Outcome {
        }

        /** Still running when the bound ran out. */
        record Hang(Duration bound) implements Outcome {
        }
    }

    private static final AtomicInteger WORKERS = new AtomicInteger();
    private final Duration bound;
    private ExecutorService worker = newWorker();

    public Bounded(Duration bound) {
        this.bound = bound;
    }

    private static ExecutorService newWorker() {
        // platform threads with the JVM's default stack, as the CLI's main thread has
        return Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                .name("fuzz-worker-" + WORKERS.incrementAndGet()).unstarted(r));
    }

    /** Runs {@code input}; an exception it throws, an {@link Error} included, is a crash. */
    public synchronized Outcome run(Runnable input) {
        Future<?> f = worker.submit(input);
        try {
            f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome.Clean();
        } catch (ExecutionException e) {
            return new Outcome.Crash(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome.Hang(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fuzzing", e);
        }
    }
}
