package io.nslab.netlink;

import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkError;
import io.nslab.netlink.msg.NetlinkFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An rtnetlink handle: a socket opened inside one network namespace, usable from any thread afterwards
 * (requests on one handle are serialised). Obtain one with {@link #open(NetNs)}, {@link NetNs#netlink()} or
 * {@link NamedNamespaces#createWithNetlink(String)}, then use {@link #links()}, {@link #addresses()},
 * {@link #routes()}, {@link #neighbours()} or a {@link #batch()}.
 *
 * <p>The socket has extended ACK, capped ACKs and strict checking on, so failures carry the kernel's own
 * explanation ({@link NetlinkException#extAck()}).
 */
public final class Netlink implements AutoCloseable {
    /** Batches are sent in chunks small enough for the socket's send buffer and for their ACKs to fit in its receive buffer. */
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNK_MESSAGES = 1024;

    private final NetlinkSocket socket;
    private final NetNs namespace;
    private final boolean ownsNamespace;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkOps links;
    private final AddressOps addresses;
    private final RouteOps routes;
    private final NeighbourOps neighbours;
    private int nextSeq = 1;
    private volatile int timeoutMillis = 30_000;
    private volatile boolean closed;

    private Netlink(NetlinkSocket socket, NetNs namespace, boolean ownsNamespace) {
        this.socket = socket;
        this.namespace = namespace;
        this.ownsNamespace = ownsNamespace;
        this.links = new LinkOps(this, null);
        this.addresses = new AddressOps(this, null);
        this.routes = new RouteOps(this, null);
        this.neighbours = new NeighbourOps(this, null);
    }

    /**
     * Opens a handle in the network namespace of the calling thread (for threads that never called setns, the
     * process's namespace).
     */
    public static Netlink open() {
        return new Netlink(NetlinkSocket.open(), null, false);
    }

    /** Opens a handle inside {@code ns}: a platform thread enters it, opens the socket, and leaves. */
    public static Netlink open(NetNs ns) {
        NetlinkSocket socket = NamespaceThreads.callIn(ns.fd(), ns.path(), NetlinkSocket::open);
        return new Netlink(socket, ns, false);
    }

    /** For a socket opened by a thread that is already inside {@code ns}; the handle closes {@code ns} if it owns it. */
    static Netlink adopt(NetlinkSocket socket, NetNs ns, boolean owns) {
        return new Netlink(socket, ns, owns);
    }

    /** The namespace this handle was opened in, when it was opened through one. */
    public Optional<NetNs> namespace() {
        return Optional.ofNullable(namespace);
    }

    public LinkOps links() {
        return links;
    }

    public AddressOps addresses() {
        return addresses;
    }

    public RouteOps routes() {
        return routes;
    }

    public QdiscOps qdiscs() {
        return new QdiscOps(this);
    }

    public NeighbourOps neighbours() {
        return neighbours;
    }

    /** {@code NETNSA_NSID} and {@code NETNSA_FD} of {@code RTM_GETNSID}. */
    private static final int NETNSA_NSID = 1;
    private static final int NETNSA_FD = 3;

    /**
     * The id this handle's namespace gives {@code other}: what {@code IFLA_LINK_NETNSID} says of a veth whose peer
     * is there. Empty when it has given none (the kernel assigns one when a link first points there).
     * Equivalent to: {@code ip netns list-id} for that namespace ({@code RTM_GETNSID} with {@code NETNSA_FD}).
     */
    public java.util.OptionalInt netnsId(NetNs other) {
        Message m = query(new Request(MessageType.RTM_GETNSID, 0, "ip netns list-id", b -> {
            b.u8(0).u8(0).u16(0); // struct rtgenmsg, padded to 4 bytes
            b.attrU32(NETNSA_FD, other.fd());
        }));
        int id = io.nslab.netlink.msg.Attributes.after(m.body(), 4).u32(NETNSA_NSID, -1);
        return id < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(id);
    }

    /** A new, empty batch of requests that will travel in as few {@code sendmsg} calls as possible. */
    public Batch batch() {
        return new Batch(this);
    }

    /** How long to wait for the kernel's answer before failing with ETIMEDOUT; 30 seconds by default. */
    public void setTimeout(Duration timeout) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Sends one request with NLM_F_ACK and throws if the kernel refuses it. */
    void execute(Request request) {
        BatchResult result = executeAll(List.of(request)).getFirst();
        if (result.error().isPresent()) {
            throw result.error().get();
        }
    }

    /** Sends requests with NLM_F_ACK, many per datagram, and matches every ACK to its request by sequence number. */
    List<BatchResult> executeAll(List<Request> requests) {
        int n = requests.size();
        NetlinkException[] errors = new NetlinkException[n];
        lock.lock();
        try {
            ensureOpen();
            int i = 0;
            while (i < n) {
                int first = i;
                int firstSeq = nextSeq;
                MessageBuilder b = new MessageBuilder(Math.min(CHUNK_BYTES, 256 * (n - i)));
                while (i < n && i - first < CHUNK_MESSAGES && b.size() < CHUNK_BYTES) {
                    requests.get(i).encode(b, nextSeq++, NetlinkFlags.ACK);
                    i++;
                }
                byte[] wire = b.toByteArray();
                socket.send(wire, 0, wire.length);
                int pending = i - first;
                while (pending > 0) {
                    for (Message m : Message.parseAll(socket.receive(timeoutMillis))) {
                        int offset = m.header().seq() - firstSeq;
                        if (m.type() != MessageType.ERROR || offset < 0 || offset >= i - first) {
                            continue; // a stale answer to an abandoned request
                        }
                        NetlinkError ack = NetlinkError.parse(m);
                        if (!ack.isAck()) {
                            Request r = requests.get(first + offset);
                            errors[first + offset] =
                                    new NetlinkException(r.typeName(), ack.errno(), ack.extAckMessage().orElse(null));
                        }
                        pending--;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        List<BatchResult> results = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            results.add(new BatchResult(k, requests.get(k).command(), Optional.ofNullable(errors[k])));
        }
        return results;
    }

    /** Sends a request that the kernel answers with exactly one message, such as a get by name. */
    Message query(Request request) {
        lock.lock();
        try {
            ensureOpen();
            int seq = nextSeq++;
            byte[] wire = request.bytes(seq, 0);
            socket.send(wire, 0, wire.length);
            while (true) {
                for (Message m : Message.parseAll(socket.receive(timeoutMillis))) {
                    if (m.header().seq() != seq) {
                        continue;
                    }
                    if (m.type() == MessageType.ERROR) {
                        throw failure(request, NetlinkError.parse(m));
                    }
                    return m;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a dump request and collects every part of the multi-part answer (see {@link DumpReader}: an interrupted
     * dump is asked for again).
     */
    List<Message> dump(Request request) {
        lock.lock();
        try {
            ensureOpen();
            return DumpReader.read(socket, timeoutMillis, request.typeName(), () -> nextSeq++, seq -> {
                byte[] wire = request.bytes(seq, NetlinkFlags.DUMP);
                socket.send(wire, 0, wire.length);
            });
        } finally {
            lock.unlock();
        }
    }

    private static NetlinkException failure(Request request, NetlinkError error) {
        return new NetlinkException(request.typeName(), error.errno(), error.extAckMessage().orElse(null));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink handle is closed");
        }
    }

    /** Closes the socket, and the namespace if this handle was created together with it. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                socket.close();
                if (ownsNamespace && namespace != null) {
                    namespace.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Netlink[" + (namespace == null ? "current namespace" : namespace.path()) + "]";
    }
}
