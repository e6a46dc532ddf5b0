package io.nslab.kernel.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IpAddress;
import io.nslab.netlink.IcmpSocket;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One probe's use of its namespace's ICMP socket: its echo id, what it sends, and what comes back for it. */
final class ProbeSession implements AutoCloseable {
    private final ProbeSockets owner;
    private final NamespaceRef netns;
    private final IcmpSocket socket;
    private final int id;
    private final BlockingQueue<ProbeSockets.Arrival> arrivals;
    private boolean closed;

    ProbeSession(ProbeSockets owner, NamespaceRef netns, IcmpSocket socket, int id, BlockingQueue<ProbeSockets.Arrival> arrivals) {
        this.owner = owner;
        this.netns = netns;
        this.socket = socket;
        this.id = id;
        this.arrivals = arrivals;
    }

    int id() {
        return id;
    }

    /** The source the kernel picks, as ping's UDP connect finds it; throws the kernel's refusal (see {@link IcmpSocket#route}). */
    IpAddress route(IpAddress destination, Optional<IpAddress> source, int ifindex) {
        Inet4Address src = socket.route(inet4(destination), source.map(ProbeSession::inet4).orElse(null), ifindex);
        return IpAddress.fromBytes(src.getAddress());
    }

    /** Sends echo request {@code seq} with TTL {@code ttl} (0: default) and {@code size} data bytes; 0 or the errno. */
    int sendEcho(IpAddress destination, int seq, int ttl, int size, Optional<IpAddress> source, int ifindex) {
        return socket.send(inet4(destination), IcmpCodec.echoRequest(id, seq & 0xffff, size), ttl,
                source.map(ProbeSession::inet4).orElse(null), ifindex);
    }

    /** The next message for this probe, waiting until {@code deadlineNanos} (System.nanoTime) at most. */
    Optional<ProbeSockets.Arrival> next(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        ProbeSockets.Arrival a = wait <= 0 ? arrivals.poll() : arrivals.poll(wait, TimeUnit.NANOSECONDS);
        return Optional.ofNullable(a);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.release(netns, id);
        }
    }

    static Inet4Address inet4(IpAddress a) {
        if (!a.isV4()) {
            throw new IllegalArgumentException("IPv4 only: " + a);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(a.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
