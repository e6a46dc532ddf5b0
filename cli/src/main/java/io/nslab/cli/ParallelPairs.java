package io.nslab.cli;

import io.nslab.Network;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * All-pairs on the simulator over several threads, each pinging blocks of whole rows (a row: one source against every
 * address) on its own copy of the simulated lab, taking the next block when done; the calling thread hands the rows
 * on in order as they complete. The first copy is the one the command built; the others are made by the threads themselves, so
 * that building them overlaps the first thread's pings.
 */
final class ParallelPairs {
    /** Rows a thread takes at once, and columns of a tile: 16 x 64 pings whose nodes fit in a core's cache. */
    static final int BLOCK_ROWS = 16;
    static final int BLOCK_COLUMNS = 64;

    private final AllPairs pairs;
    private final Network first;
    private final Supplier<Network> another;
    private final int threads;
    private final int rows;
    private final int cols;
    private final AtomicInteger nextRow = new AtomicInteger();
    private final AtomicIntegerArray rowDone;
    private final Object progressed = new Object();
    private volatile Throwable failure;

    ParallelPairs(AllPairs pairs, Network first, Supplier<Network> another, int threads) {
        this.pairs = pairs;
        this.first = first;
        this.another = another;
        this.threads = threads;
        this.rows = pairs.sources.size();
        this.cols = pairs.targets.size();
        this.rowDone = new AtomicIntegerArray(rows);
    }

    void run(Progress progress, AllPairs.Sink sink) throws Exception {
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            boolean own = w > 0;
            workers[w] = Thread.ofPlatform().daemon().name("all-pairs-" + w).start(() -> work(own));
        }
        try {
            for (int r = 0; r < rows; r++) {
                synchronized (progressed) {
                    while (rowDone.get(r) == 0 && failure == null) {
                        progressed.wait(100);
                    }
                }
                if (failure != null) {
                    throw failure instanceof Exception e ? e : new IllegalStateException(failure);
                }
                for (int c = 0; c < cols; c++) {
                    pairs.taken(r * cols + c, progress, sink);
                }
            }
        } finally {
            nextRow.set(rows); // the others stop after their current block
            for (Thread t : workers) {
                t.join();
            }
        }
    }

    private void work(boolean own) {
        Network net = null;
        try {
            for (int r0 = nextRow.getAndAdd(BLOCK_ROWS); r0 < rows; r0 = nextRow.getAndAdd(BLOCK_ROWS)) {
                if (net == null) {
                    net = own ? another.get() : first;
                }
                int r1 = Math.min(rows, r0 + BLOCK_ROWS);
                // tile by tile: a tile's nodes stay in the processor's cache while each of its rows pings them (row
                // by row, every address's node would be fetched from memory again for each source)
                for (int c0 = 0; c0 < cols; c0 += BLOCK_COLUMNS) {
                    int c1 = Math.min(cols, c0 + BLOCK_COLUMNS);
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            int i = r * cols + c;
                            pairs.record(i, pairs.id(AllPairs.Outcome.of(pairs.ping(net, i))));
                        }
                    }
                }
                for (int r = r0; r < r1; r++) {
                    rowDone.set(r, 1); // after the rows' outcomes: whoever sees a row done sees them too
                }
                synchronized (progressed) {
                    progressed.notifyAll();
                }
            }
        } catch (Throwable t) {
            failure = t;
            synchronized (progressed) {
                progressed.notifyAll();
            }
        } finally {
            if (own && net != null) {
                net.close();
            }
        }
    }
}
