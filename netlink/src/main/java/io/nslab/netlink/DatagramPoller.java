package io.nslab.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One platform thread that reads the packets of many {@link IcmpSocket}s as they arrive (epoll) and hands each to
 * its socket's listener, with the time it was read. Hundreds of probes can then wait on Java queues, on virtual
 * threads, instead of each blocking a thread in {@code poll(2)} (a native call pins a virtual thread's carrier).
 *
 * <p>Listeners run on the poller thread and should only hand the packet on. {@link #unregister} waits for a
 * dispatch in progress, so after it returns the socket may be closed safely.
 */
public final class DatagramPoller implements AutoCloseable {
    /** Receives one packet read from a socket; {@code nanoTime} is {@link System#nanoTime()} when it was read. */
    @FunctionalInterface
    public interface Listener {
        void received(byte[] packet, long nanoTime);
    }

    private static final int MAX_EVENTS = 64;
    /** How often the thread looks at {@link #closed}; no wakeup descriptor needed for a rare event. */
    private static final int WAIT_MILLIS = 200;
    /** Packets read from one socket before the others get a turn. */
    private static final int FAIR_SHARE = 256;

    private final int epfd;
    private final Map<Integer, Registered> listeners = new ConcurrentHashMap<>();
    private final ReentrantLock dispatch = new ReentrantLock();
    private final Thread thread;
    private volatile boolean closed;

    private DatagramPoller(String name) {
        this.epfd = EpollCalls.create();
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /** Starts a poller on a daemon thread called {@code name}. */
    public static DatagramPoller start(String name) {
        DatagramPoller poller = new DatagramPoller(name);
        poller.thread.start();
        return poller;
    }

    /** A socket and who hears from it. */
    private record Registered(IcmpSocket socket, Listener listener) {
    }

    public void register(IcmpSocket socket, Listener listener) {
        int fd = socket.rawFd();
        if (listeners.putIfAbsent(fd, new Registered(socket, listener)) != null) {
            throw new IllegalStateException(socket + " is registered already");
        }
        EpollCalls.control(epfd, EpollCalls.EPOLL_CTL_ADD, fd);
    }

    /** Stops reading {@code socket}; returns once no listener of it runs. */
    public void unregister(IcmpSocket socket) {
        int fd = socket.rawFd();
        dispatch.lock();
        try {
            if (listeners.remove(fd) != null) {
                EpollCalls.control(epfd, EpollCalls.EPOLL_CTL_DEL, fd);
            }
        } finally {
            dispatch.unlock();
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate((long) MAX_EVENTS * EpollCalls.EVENT_SIZE, 8);
            MemorySegment buffer = arena.allocate(IcmpSocket.MAX_DATAGRAM);
            MemorySegment meta = arena.allocate(InetCalls.RECEIVE_META_SIZE, 8);
            MemorySegment state = LibC.callState(arena);
            while (!closed) {
                int n = EpollCalls.await(epfd, events, MAX_EVENTS, WAIT_MILLIS, state);
                dispatch.lock();
                try {
                    for (int i = 0; i < n; i++) {
                        drain(EpollCalls.readyFd(events, i), buffer, meta, state);
                    }
                } finally {
                    dispatch.unlock();
                }
            }
        } finally {
            FileCalls.close(epfd);
        }
    }

    private void drain(int fd, MemorySegment buffer, MemorySegment meta, MemorySegment state) {
        for (int k = 0; k < FAIR_SHARE; k++) {
            Registered registered = listeners.get(fd);
            if (registered == null) {
                return; // unregistered while the event was pending
            }
            Listener listener = registered.listener();
            byte[] packet;
            try {
                packet = registered.socket().receiveNow(buffer, meta, state);
            } catch (NativeException e) {
                report(e);
                return;
            }
            if (packet == null) {
                return;
            }
            try {
                listener.received(packet, System.nanoTime());
            } catch (RuntimeException e) {
                report(e); // one listener's bug must not stop the others' packets
            }
        }
    }

    private static void report(Throwable t) {
        Thread self = Thread.currentThread();
        self.getUncaughtExceptionHandler().uncaughtException(self, t);
    }

    /** Stops the thread (within {@value #WAIT_MILLIS} ms) and closes the epoll descriptor; sockets stay open. */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
