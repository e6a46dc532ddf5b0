package io.nslab;

import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import io.nslab.state.Snapshot;

import java.util.List;

/**
 * The one interface both worlds implement: the kernel ({@code KernelNetwork}) and the
 * simulator ({@code SimNetwork}). Everything above it is written once.
 */
public interface Network extends AutoCloseable {

    /** Applies one op; throws {@link OpException} with the kernel's words when it is refused. */
    void apply(Op op) throws OpException;

    /** Applies ops in order, stopping at the first refusal. */
    default void applyAll(List<Op> ops) throws OpException {
        for (Op op : ops) {
            apply(op);
        }
    }

    /** The namespaces this network holds, read back: links, addresses, routes of tables main and local, sysctls. */
    Snapshot snapshot();

    PingResult ping(PingRequest request);

    /**
     * A ping whose progress {@code listener} hears as it happens; the same result as {@link #ping(PingRequest)}.
     * Interrupting the calling thread ends it early, as SIGINT ends iputils ping: what came so far is the result.
     * This default, for a world that computes a ping at once, tells the listener afterwards.
     */
    default PingResult ping(PingRequest request, io.nslab.probe.PingListener listener) {
        PingResult r = ping(request);
        if (r.connectError().isEmpty()) {
            listener.started(request, r.source().orElse(request.destination()));
            r.events().forEach(listener::event);
        }
        return r;
    }

    TraceResult trace(TraceRequest request);

    /** A traceroute whose hops {@code listener} hears as each is complete; see {@link #ping(PingRequest, io.nslab.probe.PingListener)}. */
    default TraceResult trace(TraceRequest request, io.nslab.probe.TraceListener listener) {
        TraceResult r = trace(request);
        // a send() refused by the node's own firewall comes after traceroute has begun (its header printed)
        if (r.connectError().isEmpty() || r.connectError().get() == io.nslab.probe.LocalError.SEND_FILTERED) {
            listener.started(request);
            r.hops().forEach(listener::hop);
        }
        return r;
    }

    /**
     * A TCP connection attempt or a UDP datagram from {@code request.from()} to a port, with nslab listening on the
     * port in the listener's namespace for the probe's duration when nothing listens there.
     */
    io.nslab.probe.PortResult probe(io.nslab.probe.PortRequest request);

    @Override
    void close();
}
