package io.nslab.kernel.probe;

import io.nslab.model.NamespaceRef;
import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.IpAddress;
import io.nslab.netlink.NativeException;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntBiFunction;

/**
 * {@code ping -c COUNT -i INTERVAL -W TIMEOUT -t TTL -s SIZE -I SOURCE DST} inside a namespace, as iputils does it
 * as root: a UDP connect first (source address, or {@code ping: connect: <error>} and exit 2), then echo requests on
 * a raw ICMP socket (ICMPv6 for an IPv6 destination, the hop limit as its TTL), then replies and ICMP errors until
 * every request is answered or {@code TIMEOUT} has passed since the last one was sent. Blocks the calling thread,
 * which may be virtual: waiting is on a Java queue.
 */
public final class KernelPing {
    private final ProbeSockets sockets;
    private final ToIntBiFunction<NamespaceRef, String> ifindex;

    /** {@code ifindex} gives the index of a device in a namespace (for {@code -I DEV}). */
    public KernelPing(ProbeSockets sockets, ToIntBiFunction<NamespaceRef, String> ifindex) {
        this.sockets = sockets;
        this.ifindex = ifindex;
    }

    /** The ping; {@code listener} hears the start and each answer as it arrives. Interrupting the thread ends it as ^C does. */
    public PingResult run(PingRequest r, io.nslab.probe.PingListener listener) {
        IpAddress dst = r.destination();
        if (r.source().map(s -> s.family() != dst.family()).orElse(false)) {
            throw new NslabException(ExitCode.BAD_INPUT, "ping: source " + r.source().get() + " and destination " + dst
                    + " are not of one family");
        }
        if (r.count() < 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "ping: bad number of packets to transmit: " + r.count());
        }
        int dev = r.device().map(d -> ifindex.applyAsInt(r.netns(), d.value())).orElse(0);
        try (ProbeSession s = sockets.open(r.netns(), !dst.isV4())) {
            IpAddress source;
            try {
                source = s.route(dst, r.source(), dev);
            } catch (NativeException e) {
                Optional<LocalError> local = LocalErrors.of(e);
                if (local.isPresent()) {
                    return PingResult.refused(r, local.get());
                }
                throw LocalErrors.other("ping", e);
            }
            listener.started(r, source);
            return new Run(r, s, source, dev, listener).run();
        }
    }

    /**
     * Where a request to {@code dst} really goes: 0.0.0.0 and :: stand for this host, so the kernel sends to 127.0.0.1
     * and ::1, and an error about the request quotes that (a reject at output answered ping 0.0.0.0 with "From
     * 127.0.0.1 Destination Port Unreachable" in iputils; nslab's kernel world missed it: fidelity seeds 1000051,
     * 1000137, 1000148, 1000215, 1000229, 1000299).
     */
    static IpAddress sentTo(IpAddress dst) {
        if (!dst.isUnspecified()) {
            return dst;
        }
        return dst.isV4() ? IpAddress.v4(127, 0, 0, 1) : IpAddress.parse("::1");
    }

    /** The state of one run: when each request left and which are answered. */
    private static final class Run {
        private final PingRequest r;
        private final ProbeSession s;
        private final IpAddress source;
        private final int dev;
        private final long[] sentAt;
        private final boolean[] answered;
        private final List<PingEvent> events = new ArrayList<>();
        private final io.nslab.probe.PingListener listener;
        private int sent;
        private int answers;
        private int pipe;

        Run(PingRequest r, ProbeSession s, IpAddress source, int dev, io.nslab.probe.PingListener listener) {
            this.r = r;
            this.s = s;
            this.source = source;
            this.dev = dev;
            this.listener = listener;
            this.sentAt = new long[r.count()];
            this.answered = new boolean[r.count()];
        }

        PingResult run() {
            long interval = r.interval().toNanos();
            long start = System.nanoTime();
            long nextSend = start;
            long deadline = Long.MAX_VALUE;
            try {
                while (true) {
                    long now = System.nanoTime();
                    if (sent < r.count() && now - nextSend >= 0) {
                        send(now);
                        nextSend += interval;
                        if (sent == r.count()) {
                            deadline = System.nanoTime() + r.timeout().toNanos();
                        }
                        continue;
                    }
                    if (sent == r.count() && (answers == r.count() || now - deadline >= 0)) {
                        break;
                    }
                    s.next(sent < r.count() ? nextSend : deadline).ifPresent(this::handle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // what came so far is the result, as after ^C
            }
            // ping's statistics "time" runs from the first request to the last one sent.
            Duration elapsed = Duration.ofNanos(sent > 0 ? sentAt[sent - 1] - sentAt[0] : 0);
            return new PingResult(r, Optional.empty(), Optional.of(source), sent, events, elapsed, pipe);
        }

        private void send(long now) {
            int seq = sent + 1;
            sentAt[sent++] = now;
            // A refusal now (the route vanished since connect) loses this request, as for ping's sendmsg error.
            s.sendEcho(r.destination(), seq, r.ttl().orElse(0), r.size(), r.source(), dev);
        }

        private void handle(ProbeSockets.Arrival a) {
            int index = seqIndex(a.message().seq());
            if (index < 0) {
                return;
            }
            int seq = index + 1;
            switch (a.message()) {
                case IcmpCodec.Incoming.EchoReply reply -> {
                    add(new PingEvent.Reply(seq, reply.from(), reply.ttl(), reply.bytes(),
                            Duration.ofNanos(a.nanoTime() - sentAt[index])));
                    answer(index);
                }
                case IcmpCodec.Incoming.ErrorReport err -> {
                    if (!err.target().equals(r.destination()) && !err.target().equals(sentTo(r.destination()))) {
                        return;
                    }
                    boolean v6 = !err.from().isV4();
                    Optional<IcmpErrorKind> kind = v6 ? IcmpErrorKind.ofIcmpv6(err.type(), err.code())
                            : IcmpErrorKind.of(err.type(), err.code());
                    if (kind.isEmpty()) {
                        return;
                    }
                    boolean redirect = !v6 && err.type() == 5;
                    add(new PingEvent.Error(seq, err.from(), kind.get(),
                            redirect ? Optional.of(err.gateway()) : Optional.empty()));
                    if (!redirect) { // a redirected request is still forwarded, and may be answered
                        answer(index);
                    }
                }
            }
        }

        private void add(PingEvent e) {
            events.add(e);
            listener.event(e);
        }

        private void answer(int index) {
            pipe = Math.max(pipe, sent - index); // iputils' acknowledge(): requests out when this one was answered
            if (!answered[index]) {
                answered[index] = true;
                answers++;
            }
        }

        /** The index of the latest sent request with this 16-bit sequence number, or -1. */
        private int seqIndex(int seq16) {
            int base = (seq16 - 1) & 0xffff;
            return base >= sent ? -1 : base + (sent - 1 - base) / 0x10000 * 0x10000;
        }
    }
}
