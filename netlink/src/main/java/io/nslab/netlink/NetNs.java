package io.nslab.netlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * An open network namespace: a file descriptor on an nsfs file such as {@code /run/netns/r1},
 * {@code /proc/1234/ns/net} or {@code /proc/thread-self/ns/net}. Holding it keeps the namespace alive.
 *
 * <p>{@link #call} runs code inside the namespace on a dedicated platform thread and returns its result; sockets
 * opened there stay in the namespace and can then be used from any thread:
 * <pre>{@code
 * try (NetNs ns = NamedNamespaces.standard().open("r1")) {
 *     String forwarding = ns.call(() -> Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
 * }
 * }</pre>
 */
public final class NetNs implements AutoCloseable {
    private final int fd;
    private final String path;
    private volatile boolean closed;

    private NetNs(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens the namespace bound at, or linked from, {@code path}. */
    public static NetNs open(Path path) {
        String p = path.toString();
        return new NetNs(FileCalls.open(p, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC), p);
    }

    /** The namespace of a process: {@code /proc/<pid>/ns/net}. */
    public static NetNs ofProcess(long pid) {
        return open(Path.of("/proc", Long.toString(pid), "ns", "net"));
    }

    /** The namespace of this process's main thread, where threads that did not call setns live. */
    public static NetNs ofThisProcess() {
        return open(Path.of("/proc/self/ns/net"));
    }

    static NetNs adopt(int fd, String path) {
        return new NetNs(fd, path);
    }

    /** The raw descriptor, for {@code setns(2)} or {@code IFLA_NET_NS_FD}; valid until {@link #close()}. */
    public int fd() {
        ensureOpen();
        return fd;
    }

    /** The path this namespace was opened from. */
    public String path() {
        return path;
    }

    /** The namespace's inode number, its identity (as {@code lsns} and {@code ip netns identify} show it). */
    public long inode() {
        ensureOpen();
        try {
            return (Long) Files.getAttribute(Path.of("/proc/self/fd/" + fd), "unix:ino");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when both handles refer to the same namespace. */
    public boolean isSameAs(NetNs other) {
        return inode() == other.inode();
    }

    /**
     * Runs {@code task} on a platform thread inside this namespace and returns its result. The calling thread
     * never changes namespace. Unchecked exceptions propagate as they are; checked ones arrive wrapped in a
     * {@link CompletionException} (or {@link UncheckedIOException} for I/O).
     */
    public <T> T call(Callable<T> task) {
        ensureOpen();
        return NamespaceThreads.callIn(fd, path, () -> {
            try {
                return task.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * An unstarted platform thread that enters this namespace when it starts and stays there until it ends: every
     * socket it opens lives in this namespace. Unlike {@link #call}, the task runs on the returned thread itself, so
     * interrupting that thread interrupts the task. This handle must stay open until the thread has started; a
     * thread that cannot enter the namespace ends with the {@link NativeException} before the task runs.
     */
    public Thread newThread(String name, Runnable task) {
        ensureOpen();
        return Thread.ofPlatform().name(name).unstarted(() -> {
            NamespaceCalls.setns(fd(), path);
            task.run();
        });
    }

    /** Opens an rtnetlink handle inside this namespace; see {@link Netlink#open(NetNs)}. */
    public Netlink netlink() {
        return Netlink.open(this);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            FileCalls.close(fd);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("namespace " + path + " is closed");
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + path + (closed ? ", closed" : ", fd " + fd) + "]";
    }
}
