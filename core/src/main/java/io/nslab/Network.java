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

    TraceResult trace(TraceRequest request);

    @Override
    void close();
}
