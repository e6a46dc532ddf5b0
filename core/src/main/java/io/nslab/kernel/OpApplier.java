package io.nslab.kernel;

import io.nslab.netlink.Batch;
import io.nslab.netlink.BatchResult;
import io.nslab.netlink.NativeException;
import io.nslab.netlink.Sysctls;
import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.List;
import java.util.function.LongConsumer;

/** Carries out one {@link Op} on the kernel, as the {@code ip} command it names would; see {@link OpRequests}. */
final class OpApplier {
    private final Namespaces namespaces;

    OpApplier(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    void apply(Op op) throws OpException {
        apply(op, inode -> {
        });
    }

    /** As {@link #apply(Op)}; a new namespace's inode goes to {@code beforeVisible} before its name is bound. */
    void apply(Op op, LongConsumer beforeVisible) throws OpException {
        try {
            switch (op) {
                case Op.AddNamespace o -> namespaces.create(o.netns(), beforeVisible);
                case Op.DeleteNamespace o -> namespaces.delete(o.netns());
                case Op.SetSysctl o -> Sysctls.write(namespaces.netns(o.netns()), o.key(), o.value());
                case Op.AddVeth o -> send(op);
                case Op.AddBridge o -> send(op);
                case Op.DeleteLink o -> send(op);
                case Op.SetMaster o -> send(op);
                case Op.SetLinkState o -> send(op);
                case Op.SetMtu o -> send(op);
                case Op.SetMac o -> send(op);
                case Op.RenameLink o -> send(op);
                case Op.MoveLink o -> send(op);
                case Op.AddAddress o -> send(op);
                case Op.DeleteAddress o -> send(op);
                case Op.AddRoute o -> send(op);
                case Op.DeleteRoute o -> send(op);
                case Op.ReplaceRoute o -> send(op);
                case Op.AddNeighbour o -> send(op);
            }
        } catch (NativeException e) {
            namespaces.failed(op);
            throw OpRequests.failure(op, e);
        } catch (java.io.UncheckedIOException e) {
            namespaces.failed(op);
            throw KernelNetwork.sysctlFailure(op, e);
        } catch (RuntimeException e) {
            namespaces.failed(op);
            throw e;
        } finally {
            namespaces.linksChanged(op);
        }
    }

    /** A batch of one op: the same requests a phase's batch would carry, sent at once. */
    private void send(Op op) {
        Batch batch = namespaces.netlink(op.netns()).batch();
        OpRequests.queue(namespaces, batch, op);
        List<BatchResult> results = batch.trySend();
        for (BatchResult r : results) {
            if (r.error().isPresent()) {
                throw r.error().get();
            }
        }
    }
}
