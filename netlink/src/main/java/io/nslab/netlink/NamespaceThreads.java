package io.nslab.netlink;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads that may leave the process's network namespace for the length of one task.
 *
 * <p>setns and unshare change only the calling thread. A virtual thread may be moved to another carrier at any
 * blocking point, and a pooled carrier left in a foreign namespace would silently run unrelated code there, so
 * these calls run only on the threads of this pool. After every task a worker goes back to the namespace the
 * process started in; a worker that cannot go back throws an {@link Error}, which ends the thread and makes the
 * pool replace it. Threads are cached, so creating many namespaces does not create a thread for each.
 */
final class NamespaceThreads {
    /** The process's own network namespace (that of its main thread), where idle workers live. */
    private static final int HOME_FD = FileCalls.open("/proc/self/ns/net", FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            task -> Thread.ofPlatform().daemon().name("netns-worker-" + COUNT.incrementAndGet()).unstarted(task));

    private NamespaceThreads() {
    }

    /** Runs {@code body} on a worker (which the body may move to any network namespace) and waits for it. */
    static <T> T call(Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        POOL.execute(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                goHome();
            }
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Runs {@code body} on a worker inside the namespace open on {@code fd}. */
    static <T> T callIn(int fd, String what, Callable<T> body) {
        return call(() -> {
            NamespaceCalls.setns(fd, what);
            return body.call();
        });
    }

    private static void goHome() {
        try {
            NamespaceCalls.setns(HOME_FD, "/proc/self/ns/net");
        } catch (RuntimeException e) {
            throw new NamespaceRestoreError(Thread.currentThread().getName(), e);
        }
    }

    /** A worker could not return to the process's namespace; it stops so that nothing else runs on it. */
    static final class NamespaceRestoreError extends Error {
        private static final long serialVersionUID = 1L;

        NamespaceRestoreError(String thread, Throwable cause) {
            super(thread + " cannot return to the process's network namespace; the thread ends", cause);
        }
    }
}
