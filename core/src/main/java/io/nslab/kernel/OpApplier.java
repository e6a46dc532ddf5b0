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
                case Op.SetTable o -> firewall(o.netns(), tx -> FirewallRequests.replace(tx, o.table(),
                        name -> namespaces.index(o.netns(), name)));
                case Op.DeleteTable o -> firewall(o.netns(), tx -> FirewallRequests.delete(tx, o.family(), o.name()));
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

    /**
     * One nf_tables transaction in the namespace: the kernel applies all of it or none, and a refused message is
     * named with the kernel's words.
     */
    private void firewall(io.nslab.model.NamespaceRef netns, java.util.function.Consumer<io.nslab.netlink.NftTransaction> fill) {
        try (io.nslab.netlink.NfTables nft = io.nslab.netlink.NfTables.open(namespaces.netns(netns))) {
            io.nslab.netlink.NftTransaction tx = nft.transaction();
            fill.accept(tx);
            io.nslab.netlink.NftTransactionResult result = tx.tryCommit();
            if (!result.committed()) {
                throw result.batchError().orElseGet(() -> result.failures().getFirst().error().orElseThrow());
            }
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
