package io.nslab.kernel.probe;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.IpAddress;
import io.nslab.netlink.NativeException;
import io.nslab.probe.LocalError;
import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code traceroute -n -I -q PROBES -m MAXHOPS -w WAIT DST} inside a namespace: ICMP echo requests with TTL 1, 2, ...
 * Like traceroute, it keeps up to {@value #SIMULTANEOUS} probes in flight (several hops at once), so silent hops
 * cost one wait per window rather than one each, and it stops after the hop where an echo reply or a destination
 * unreachable came back (a time exceeded ends nothing, even from the destination's address).
 */
public final class KernelTrace {
    /** traceroute's default {@code -N 16}. */
    static final int SIMULTANEOUS = 16;

    private final ProbeSockets sockets;

    public KernelTrace(ProbeSockets sockets) {
        this.sockets = sockets;
    }

    /** The traceroute; {@code listener} hears each hop once all its probes are answered or given up on, in order. */
    public TraceResult run(TraceRequest r, io.nslab.probe.TraceListener listener) {
        IpAddress dst = r.destination();
        if (!dst.isV4()) {
            throw new NslabException(ExitCode.BAD_INPUT, "traceroute: the kernel world traces IPv4 only so far: " + dst);
        }
        if (r.maxHops() < 1 || r.maxHops() > 255 || r.probesPerHop() < 1 || r.probesPerHop() > 10) {
            throw new NslabException(ExitCode.BAD_INPUT, "traceroute: max hops 1..255 and probes per hop 1..10");
        }
        try (ProbeSession s = sockets.open(r.netns(), false)) {
            try {
                s.route(dst, Optional.empty(), 0);
            } catch (NativeException e) {
                Optional<LocalError> local = LocalErrors.of(e);
                if (local.isPresent()) {
                    return new TraceResult(r, local, List.of());
                }
                throw LocalErrors.other("traceroute", e);
            }
            listener.started(r);
            try {
                return new TraceResult(r, Optional.empty(), trace(r, s, listener));
            } catch (SendRefused e) {
                return new TraceResult(r, Optional.of(LocalError.SEND_FILTERED), List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.INTERNAL, "traceroute interrupted", e);
        }
    }

    /** A probe's send() refused with EPERM: the sender's own netfilter output or postrouting hook stopped it. */
    private static final class SendRefused extends Exception {
        SendRefused() {
            super(null, null, false, false);
        }
    }

    private static List<TraceHop> trace(TraceRequest r, ProbeSession s, io.nslab.probe.TraceListener listener)
            throws InterruptedException, SendRefused {
        int q = r.probesPerHop();
        int window = Math.max(1, SIMULTANEOUS / q);
        int total = r.maxHops() * q;
        long[] sentAt = new long[total];
        TraceHop.Probe[] answers = new TraceHop.Probe[total];
        boolean[] finals = new boolean[total];
        List<TraceHop> hops = new ArrayList<>();
        for (int first = 1; first <= r.maxHops(); first += window) {
            int last = Math.min(r.maxHops(), first + window - 1);
            // probe k (0-based) has TTL k / q + 1 and sequence number k + 1
            int from = (first - 1) * q;
            int to = last * q;
            for (int k = from; k < to; k++) {
                sentAt[k] = System.nanoTime();
                // traceroute -I: 60-byte packets. The first probe the node's own output chain drops or rejects fails
                // send() with EPERM, and traceroute stops there ("send: Operation not permitted", exit 1; seen in a
                // sandbox). A later probe refused so is lost: the rule then depends on what came back meanwhile (a
                // `ct state established` drop after the destination's first reply), a race in traceroute as well,
                // where the simulator, which sends a hop's probes after the hops before it, stops at the hop that ended
                // the trace (fidelity seeds 242, 369, 371)
                int sent = s.sendEcho(r.destination(), k + 1, k / q + 1, 32, Optional.empty(), 0);
                if (k == 0 && sent == io.nslab.netlink.Errno.EPERM.number()) {
                    throw new SendRefused();
                }
            }
            long deadline = System.nanoTime() + r.waitTime().toNanos();
            int pending = to - from;
            while (pending > 0) {
                Optional<ProbeSockets.Arrival> a = s.next(deadline);
                if (a.isEmpty()) {
                    break;
                }
                int k = a.get().message().seq() - 1;
                if (k < from || k >= to || answers[k] != null) {
                    continue;
                }
                Optional<TraceHop.Probe> probe = answer(r, a.get(), sentAt[k]);
                if (probe.isPresent()) {
                    answers[k] = probe.get();
                    finals[k] = isFinal(a.get().message());
                    pending--;
                    // like traceroute, print each hop as soon as it and those before it are complete
                    if (emit(r, answers, finals, hops, last, false, listener)) {
                        return hops;
                    }
                }
            }
            if (emit(r, answers, finals, hops, last, true, listener)) {
                return hops;
            }
        }
        return hops;
    }

    /**
     * Adds (and tells the listener of) the hops up to {@code last} that are complete — every probe answered, or,
     * with {@code timedOut}, every probe there is — in TTL order; true once a hop ended the trace.
     */
    private static boolean emit(TraceRequest r, TraceHop.Probe[] answers, boolean[] finals, List<TraceHop> hops, int last, boolean timedOut,
                                io.nslab.probe.TraceListener listener) {
        int q = r.probesPerHop();
        for (int ttl = hops.size() + 1; ttl <= last; ttl++) {
            List<TraceHop.Probe> probes = new ArrayList<>();
            boolean end = false;
            for (int k = (ttl - 1) * q; k < ttl * q; k++) {
                if (answers[k] == null && !timedOut) {
                    return false;
                }
                TraceHop.Probe p = answers[k] != null ? answers[k] : new TraceHop.Probe(Optional.empty(), Duration.ZERO, "");
                probes.add(p);
                end |= answers[k] != null && finals[k];
            }
            TraceHop hop = new TraceHop(ttl, probes);
            hops.add(hop);
            listener.hop(hop);
            if (end) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an answer ends the trace, as traceroute's: an echo reply or any destination unreachable (port unreachable
     * included), never a time exceeded, even from the destination's own address (fidelity seed 472: a router that
     * DNATs the destination back to the sender answers TTL 1 from the destination's address, and traceroute goes on).
     */
    private static boolean isFinal(IcmpCodec.Incoming m) {
        return switch (m) {
            case IcmpCodec.Incoming.EchoReply reply -> true;
            case IcmpCodec.Incoming.ErrorReport err -> err.type() == 3;
        };
    }

    /** A probe's answer: an echo reply (the destination) or an ICMP error; redirects and strangers are not answers. */
    private static Optional<TraceHop.Probe> answer(TraceRequest r, ProbeSockets.Arrival a, long sentAt) {
        Duration rtt = Duration.ofNanos(a.nanoTime() - sentAt);
        return switch (a.message()) {
            case IcmpCodec.Incoming.EchoReply reply -> Optional.of(new TraceHop.Probe(Optional.of(reply.from()), rtt, ""));
            case IcmpCodec.Incoming.ErrorReport err -> {
                if (!err.target().equals(r.destination()) || err.type() == 5) {
                    yield Optional.empty();
                }
                yield Optional.of(new TraceHop.Probe(Optional.of(err.from()), rtt, annotation(err.type(), err.code())));
            }
        };
    }

    /** traceroute's marks for unreachable codes; time exceeded has none. */
    static String annotation(int type, int code) {
        if (type != 3) {
            return "";
        }
        return switch (code) {
            case 0, 6, 8, 11 -> "!N";
            case 1, 7, 12 -> "!H";
            case 2 -> "!P";
            case 3 -> ""; // port unreachable: the destination itself answered
            case 4 -> "!F";
            case 5 -> "!S";
            case 9, 10, 13 -> "!X";
            case 14 -> "!V";
            case 15 -> "!C";
            default -> "!" + code;
        };
    }
}
