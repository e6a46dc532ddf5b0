package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.netlink.IcmpSocket;
import io.nslab.netlink.NetNs;
import io.nslab.probe.LocalError;
import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;
import io.nslab.probe.PortRequest;
import io.nslab.probe.PortResult;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code nslab probe tcp|udp} on the kernel, in process: the probing socket is made on a thread inside the sender's
 * namespace (then used from this one), a raw ICMP socket beside it reads the ICMP error that the probing socket
 * reports only as an errno, and in the target node a {@link PortListener} listens on the port for the probe's
 * duration when nothing listens there. Outcomes as {@link PortOutcome} defines them.
 */
public final class KernelPortProbe {
    /** What nslab's UDP datagram carries; its listener answers with the same bytes. */
    private static final byte[] PAYLOAD = "nslab probe\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** After the socket's error, how long the copy of the ICMP error may take to reach the raw socket. */
    private static final int ICMP_LINGER_MILLIS = 200;

    private final Function<NamespaceRef, NetNs> namespaces;

    /** {@code namespaces} opens a namespace by reference; each handle is closed after the probe. */
    public KernelPortProbe(Function<NamespaceRef, NetNs> namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * Probes to one port of one node, one at a time in this process: a second listener cannot bind while the first
     * listens, and the first would close under the second's probe (checks run in parallel).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> PORTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public PortResult run(PortRequest r) {
        java.util.concurrent.locks.ReentrantLock lock = PORTS.computeIfAbsent(r.listener().map(Object::toString).orElse("")
                + " " + r.protocol().word() + " " + r.listenPort(), k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            return runAlone(r);
        } finally {
            lock.unlock();
        }
    }

    private PortResult runAlone(PortRequest r) {
        boolean v6 = !r.destination().isV4();
        Optional<PortListener> listener = Optional.empty();
        NetNs target = null;
        try (NetNs from = namespaces.apply(r.from())) {
            if (r.listener().isPresent()) {
                target = namespaces.apply(r.listener().get());
                listener = PortListener.open(target, r.protocol(), r.listenPort(), v6, InetAddress.getByAddress(r.destination().toBytes()));
            }
            try (IcmpSocket icmp = v6 ? IcmpSocket.open6(from) : IcmpSocket.open(from)) {
                Optional<IpAddress> source = route(icmp, r.destination());
                PortResult result = r.protocol() == PortProtocol.TCP ? tcp(r, from, icmp, listener.isPresent())
                        : udp(r, from, icmp, listener.isPresent());
                // a failed TCP socket forgets its source: the one the kernel routes with, as ping's UDP connect finds it
                return result.source().isEmpty() && result.localError().isEmpty() ? new PortResult(r, result.outcome(), source,
                        result.localError(), result.icmp(), result.reset(), result.listened()) : result;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            listener.ifPresent(PortListener::close);
            if (target != null) {
                target.close();
            }
        }
    }

    private static Optional<IpAddress> route(IcmpSocket icmp, IpAddress dst) {
        try {
            return Optional.of(IpAddress.fromBytes(icmp.route(InetAddress.getByAddress(dst.toBytes()), null, 0).getAddress()));
        } catch (IOException | RuntimeException refused) {
            return Optional.empty();
        }
    }

    private static StandardProtocolFamily family(PortRequest r) {
        return r.destination().isV4() ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private static InetSocketAddress wildcard(PortRequest r) throws IOException {
        return new InetSocketAddress(InetAddress.getByAddress(new byte[r.destination().isV4() ? 4 : 16]), 0);
    }

    private PortResult tcp(PortRequest r, NetNs from, IcmpSocket icmp, boolean listened) throws IOException {
        long deadline = System.nanoTime() + r.timeout().toNanos();
        try (SocketChannel ch = from.call(() -> SocketChannel.open(family(r)))) {
            ch.configureBlocking(false);
            ch.bind(wildcard(r));
            int sport = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            InetSocketAddress dst = new InetSocketAddress(InetAddress.getByAddress(r.destination().toBytes()), r.port());
            try {
                if (!ch.connect(dst)) {
                    try (Selector s = Selector.open()) {
                        ch.register(s, SelectionKey.OP_CONNECT);
                        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                        if (s.select(left) == 0) {
                            return after(r, icmp, 6, sport, listened, source(ch), PortOutcome.FILTERED, false);
                        }
                    }
                }
            } catch (IOException refused) {
                Optional<LocalError> local = localError(refused);
                if (local.isPresent()) {
                    return new PortResult(r, PortOutcome.UNREACHABLE, Optional.empty(), local, Optional.empty(), false, listened);
                }
                if (words(refused).contains("refused")) { // answered within connect() itself, as over lo
                    return after(r, icmp, 6, sport, listened, source(ch), PortOutcome.REFUSED, true);
                }
                throw refused;
            }
            try {
                ch.finishConnect();
                return new PortResult(r, PortOutcome.OPEN, source(ch), Optional.empty(), Optional.empty(), false, listened);
            } catch (java.net.ConnectException e) {
                if (words(e).contains("refused")) {
                    // a reset, or an ICMP port unreachable: the raw socket tells which
                    return after(r, icmp, 6, sport, listened, source(ch), PortOutcome.REFUSED, true);
                }
                return after(r, icmp, 6, sport, listened, source(ch), PortOutcome.UNREACHABLE, false, words(e));
            } catch (IOException e) {
                return after(r, icmp, 6, sport, listened, source(ch), PortOutcome.UNREACHABLE, false, words(e));
            }
        }
    }

    private PortResult udp(PortRequest r, NetNs from, IcmpSocket icmp, boolean listened) throws IOException {
        long deadline = System.nanoTime() + r.timeout().toNanos();
        try (DatagramChannel ch = from.call(() -> DatagramChannel.open(family(r)))) {
            ch.bind(wildcard(r));
            int sport = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            InetSocketAddress dst = new InetSocketAddress(InetAddress.getByAddress(r.destination().toBytes()), r.port());
            try {
                ch.connect(dst);
                ch.write(ByteBuffer.wrap(PAYLOAD));
            } catch (IOException refused) {
                Optional<LocalError> local = localError(refused);
                if (local.isPresent()) {
                    // EPERM from write(): the node's own output or postrouting chain dropped the datagram
                    return new PortResult(r, local.get() == LocalError.SEND_FILTERED ? PortOutcome.FILTERED : PortOutcome.UNREACHABLE,
                            Optional.empty(), local, Optional.empty(), false, listened);
                }
                throw refused;
            }
            Optional<IpAddress> source = Optional.of(IpAddress.fromBytes(((InetSocketAddress) ch.getLocalAddress()).getAddress().getAddress()));
            ch.configureBlocking(false);
            try (Selector s = Selector.open()) {
                ch.register(s, SelectionKey.OP_READ);
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0 || s.select(left) == 0 && System.nanoTime() >= deadline) {
                        // silence on the socket: a UDP socket hears only the hard ICMP errors, so ask the raw socket
                        return after(r, icmp, 17, sport, listened, source, PortOutcome.FILTERED, false);
                    }
                    s.selectedKeys().clear();
                    try {
                        if (ch.read(ByteBuffer.allocate(2048)) > 0) {
                            return new PortResult(r, PortOutcome.OPEN, source, Optional.empty(), Optional.empty(), false, listened);
                        }
                    } catch (PortUnreachableException e) {
                        return after(r, icmp, 17, sport, listened, source, PortOutcome.CLOSED, false);
                    } catch (IOException e) {
                        return after(r, icmp, 17, sport, listened, source, PortOutcome.UNREACHABLE, false, words(e));
                    }
                }
            }
        }
    }

    private PortResult after(PortRequest r, IcmpSocket icmp, int proto, int sport, boolean listened, Optional<IpAddress> source,
                             PortOutcome fallback, boolean reset) {
        return after(r, icmp, proto, sport, listened, source, fallback, reset, null);
    }

    /**
     * The outcome once the socket has spoken (or stayed silent): the ICMP error the raw socket read about our packet
     * decides it when there is one; otherwise {@code fallback} from the socket's own error ({@code words}).
     */
    private PortResult after(PortRequest r, IcmpSocket icmp, int proto, int sport, boolean listened, Optional<IpAddress> source,
                             PortOutcome fallback, boolean reset, String words) {
        long until = System.nanoTime() + ICMP_LINGER_MILLIS * 1_000_000L;
        while (true) {
            int left = (int) ((until - System.nanoTime()) / 1_000_000);
            Optional<byte[]> p = icmp.receive(Math.max(0, left));
            if (p.isEmpty()) {
                break;
            }
            Optional<TransportErrors.Seen> seen = TransportErrors.parse(p.get(), proto, sport, r.port());
            if (seen.isPresent()) {
                return new PortResult(r, PortOutcome.ofIcmp(seen.get().kind(), r.protocol()), source, Optional.empty(),
                        Optional.of(new PortResult.IcmpError(Optional.of(seen.get().from()), Optional.of(seen.get().kind()),
                                seen.get().kind().text())), false, listened);
            }
            if (left <= 0) {
                break;
            }
        }
        Optional<PortResult.IcmpError> error = words == null ? Optional.empty()
                : Optional.of(new PortResult.IcmpError(Optional.empty(), Optional.empty(), words));
        return new PortResult(r, fallback, source, Optional.empty(), error, reset, listened);
    }

    private static Optional<IpAddress> source(SocketChannel ch) {
        try {
            InetSocketAddress a = (InetSocketAddress) ch.getLocalAddress();
            return a.getAddress().isAnyLocalAddress() ? Optional.empty() : Optional.of(IpAddress.fromBytes(a.getAddress().getAddress()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The sender's kernel refusing at connect(): the JDK's message is strerror's text. */
    private static Optional<LocalError> localError(IOException e) {
        String w = words(e);
        for (LocalError l : LocalError.values()) {
            // connect()'s EADDRNOTAVAIL is NO_SOURCE_ADDRESS: an IPv6 destination for which no source address is usable
            if (!l.isBind() && w.contains(l.text())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static String words(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
