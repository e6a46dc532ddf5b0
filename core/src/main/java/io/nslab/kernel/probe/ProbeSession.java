package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;
import io.nslab.netlink.IcmpSocket;

import io.nslab.netlink.InetAddresses;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One probe's use of its namespace's ICMP socket: its echo id, what it sends, and what comes back for it. */
final class ProbeSession implements AutoCloseable {
    private final ProbeSockets owner;
    /** The owner's key of the socket: the namespace, and the family. */
    private final ProbeSockets.Key key;
    private final IcmpSocket socket;
    private final int id;
    private final BlockingQueue<ProbeSockets.Arrival> arrivals;
    private boolean closed;

    ProbeSession(ProbeSockets owner, ProbeSockets.Key key, IcmpSocket socket, int id, BlockingQueue<ProbeSockets.Arrival> arrivals) {
        this.owner = owner;
        this.key = key;
        this.socket = socket;
        this.id = id;
        this.arrivals = arrivals;
    }

    int id() {
        return id;
    }

    /** The source the kernel picks, as ping's UDP connect finds it; throws the kernel's refusal (see {@link IcmpSocket#route}). */
    IpAddress route(IpAddress destination, Optional<IpAddress> source, int ifindex) {
        InetAddress src = socket.route(inet(destination), source.map(ProbeSession::inet).orElse(null), ifindex);
        return IpAddress.fromBytes(src.getAddress());
    }

    /** Sends echo request {@code seq} with TTL {@code ttl} (0: default) and {@code size} data bytes; 0 or the errno. */
    int sendEcho(IpAddress destination, int seq, int ttl, int size, Optional<IpAddress> source, int ifindex) {
        byte[] request = destination.isV4() ? IcmpCodec.echoRequest(id, seq & 0xffff, size)
                : IcmpCodec.echoRequest6(id, seq & 0xffff, size);
        return socket.send(inet(destination), request, ttl, source.map(ProbeSession::inet).orElse(null), ifindex);
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
            owner.release(key, id);
        }
    }

    static InetAddress inet(IpAddress a) {
        return InetAddresses.of(a.toBytes());
    }
}
