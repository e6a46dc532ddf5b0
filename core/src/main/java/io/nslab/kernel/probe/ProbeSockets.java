package io.nslab.kernel.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.netlink.DatagramPoller;
import io.nslab.netlink.IcmpSocket;
import io.nslab.netlink.NetNs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ICMP sockets of a kernel network: one raw socket per namespace and family while probes run there, shared by
 * all of them, read by one {@link DatagramPoller} thread for the whole process. Each probe gets its own echo id on
 * its socket, and the packets carrying it.
 *
 * <p>A namespace's socket closes when its last probe ends: an open socket would keep a deleted namespace (and
 * its veth peers) alive, and reopening costs one trip to a namespace thread, small beside a round trip.
 */
public final class ProbeSockets {
    /** Sockets are opened on namespace threads; bounding how many at once keeps a burst of probes from spawning hundreds. */
    private static final Semaphore OPENING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final Function<NamespaceRef, NetNs> namespaces;
    private final Map<Key, Shared> open = new HashMap<>();

    /** A socket's namespace and family. */
    record Key(NamespaceRef netns, boolean v6) {
    }

    /** {@code namespaces} opens a namespace by name; the handle is closed with the socket opened through it. */
    public ProbeSockets(Function<NamespaceRef, NetNs> namespaces) {
        this.namespaces = namespaces;
    }

    private static final class PollerHolder {
        static final DatagramPoller POLLER = DatagramPoller.start("nslab-icmp-poller");
    }

    /** One namespace's socket, the probes using it, and their ids. */
    private static final class Shared {
        final Map<Integer, Consumer<Arrival>> byId = new ConcurrentHashMap<>();
        final Set<Integer> ids = new HashSet<>();
        int nextId = ThreadLocalRandom.current().nextInt(1 << 16);
        int users;
        /** Opened by the first probe, outside the network-wide lock, so namespaces open in parallel. */
        private IcmpSocket socket;
        private NetNs namespace;
        private boolean closed;

        synchronized IcmpSocket socket(Function<NamespaceRef, NetNs> namespaces, NamespaceRef netns, boolean v6) {
            if (closed) {
                throw new IllegalStateException("ICMP socket of " + netns + " released");
            }
            if (socket == null) {
                NetNs ns = namespaces.apply(netns);
                OPENING.acquireUninterruptibly();
                try {
                    socket = v6 ? IcmpSocket.open6(ns) : IcmpSocket.open(ns);
                    namespace = ns;
                } catch (RuntimeException e) {
                    ns.close();
                    throw e;
                } finally {
                    OPENING.release();
                }
                PollerHolder.POLLER.register(socket, this::dispatch);
            }
            return socket;
        }

        synchronized void close() {
            closed = true;
            if (socket != null) {
                PollerHolder.POLLER.unregister(socket);
                socket.close();
                namespace.close();
            }
        }

        void dispatch(byte[] packet, long nanoTime) {
            IcmpCodec.parse(packet).ifPresent(m -> {
                Consumer<Arrival> c = byId.get(m.id());
                if (c != null) {
                    c.accept(new Arrival(m, nanoTime));
                }
            });
        }
    }

    /** A message about one of our requests and when it was read. */
    record Arrival(IcmpCodec.Incoming message, long nanoTime) {
    }

    /**
     * Starts a probe in {@code netns}: a socket there of the family of its destination (opened if needed) and an
     * echo id no other probe of this network uses on that socket, and the messages carrying that id.
     */
    ProbeSession open(NamespaceRef netns, boolean v6) {
        Key key = new Key(netns, v6);
        java.util.concurrent.BlockingQueue<Arrival> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
        Consumer<Arrival> sink = arrivals::add;
        Shared shared;
        int id;
        synchronized (this) {
            shared = open.computeIfAbsent(key, n -> new Shared());
            shared.users++;
            id = shared.nextId;
            while (!shared.ids.add(id & 0xffff)) {
                id++;
            }
            id &= 0xffff;
            shared.nextId = id + 1;
            shared.byId.put(id, sink);
        }
        try {
            return new ProbeSession(this, key, shared.socket(namespaces, netns, v6), id, arrivals);
        } catch (RuntimeException e) {
            release(key, id);
            throw e;
        }
    }

    /** Ends a probe: its id is free again, and the socket closes if nobody else uses it. */
    void release(Key key, int id) {
        Shared last = null;
        synchronized (this) {
            Shared shared = open.get(key);
            if (shared == null) {
                return;
            }
            shared.byId.remove(id);
            shared.ids.remove(id);
            if (--shared.users == 0) {
                open.remove(key);
                last = shared;
            }
        }
        if (last != null) {
            last.close();
        }
    }
}
