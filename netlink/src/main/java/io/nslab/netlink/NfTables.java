package io.nslab.netlink;

import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageType;
import io.nslab.netlink.msg.NetlinkError;
import io.nslab.netlink.msg.NetlinkFlags;
import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftCodec;
import io.nslab.netlink.nft.NftFamily;
import io.nslab.netlink.nft.NftInstalledRule;
import io.nslab.netlink.nft.NftMessage;
import io.nslab.netlink.nft.NftTable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An nf_tables handle: a {@code NETLINK_NETFILTER} socket opened inside one network namespace, usable from any
 * thread afterwards (requests on one handle are serialised). Changes go in a {@link #transaction()}, which the
 * kernel applies whole or not at all; the ruleset reads back as the same records
 * ({@link #tables}, {@link #chains}, {@link #rules}).
 * <pre>{@code
 * try (NfTables nft = NfTables.open(ns)) {
 *     NftTable filter = NftTable.of(NftFamily.IP, "filter");
 *     nft.transaction()
 *         .addTable(filter)                                            // nft add table ip filter
 *         .addChain(NftChain.base(filter, "input", NftChainType.FILTER, // nft add chain ip filter input
 *                 NftHook.INPUT, 0, NftPolicy.ACCEPT))                 //   { type filter hook input priority 0; policy accept; }
 *         .addRule(NftRule.in(filter, "input").icmpType(8).counter().drop().build())
 *         .commit();                                                   // NftTransactionException names the refused message
 *     List<NftInstalledRule> rules = nft.rules(filter);                // nft -a list table ip filter
 * }
 * }</pre>
 */
public final class NfTables implements AutoCloseable {

    private final NetlinkSocket socket;
    private final NetNs namespace;
    private final ReentrantLock lock = new ReentrantLock();
    private int nextSeq = 1;
    private volatile int timeoutMillis = 30_000;
    private volatile boolean closed;

    private NfTables(NetlinkSocket socket, NetNs namespace) {
        this.socket = socket;
        this.namespace = namespace;
    }

    /** Opens a handle in the calling thread's network namespace (for threads that never called setns, the process's). */
    public static NfTables open() {
        return new NfTables(NetlinkSocket.open(SocketCalls.NETLINK_NETFILTER), null);
    }

    /** Opens a handle inside {@code ns}: a platform thread enters it, opens the socket, and leaves. */
    public static NfTables open(NetNs ns) {
        NetlinkSocket socket = NamespaceThreads.callIn(ns.fd(), ns.path(),
                () -> NetlinkSocket.open(SocketCalls.NETLINK_NETFILTER));
        return new NfTables(socket, ns);
    }

    /** The namespace this handle was opened in, when it was opened through one. */
    public Optional<NetNs> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** A new, empty transaction. */
    public NftTransaction transaction() {
        return new NftTransaction(this);
    }

    /** Equivalent to: {@code nft list tables} */
    public List<NftTable> tables() {
        return dump(NftCodec.getTables(Optional.empty()), NftCodec::table);
    }

    /** Equivalent to: {@code nft list tables FAMILY} */
    public List<NftTable> tables(NftFamily family) {
        return dump(NftCodec.getTables(Optional.of(family)), NftCodec::table);
    }

    /** The chains of a table, in the kernel's order. Equivalent to: {@code nft list chains} for that table. */
    public List<NftChain> chains(NftTable table) {
        return dump(NftCodec.getChains(table.family()), NftCodec::chain).stream()
                .filter(c -> c.table().equals(table)).toList();
    }

    /** Every rule of a table with its handle, chain by chain in order. Equivalent to: {@code nft -a list table ...} */
    public List<NftInstalledRule> rules(NftTable table) {
        return dump(NftCodec.getRules(table, Optional.empty()), NftCodec::rule);
    }

    /** The rules of one chain with their handles, in order. Equivalent to: {@code nft -a list chain ...} */
    public List<NftInstalledRule> rules(NftTable table, String chain) {
        return dump(NftCodec.getRules(table, Optional.of(chain)), NftCodec::rule);
    }

    /**
     * Every table, chain and rule of this namespace. Equivalent to: {@code nft -a list ruleset}. Read in several
     * dumps: a change made meanwhile by someone else may show in some and not others.
     */
    public io.nslab.netlink.nft.NftRuleset ruleset() {
        List<NftTable> tables = tables();
        List<NftChain> chains = new ArrayList<>();
        List<NftInstalledRule> rules = new ArrayList<>();
        for (NftFamily family : tables.stream().map(NftTable::family).distinct().toList()) {
            chains.addAll(dump(NftCodec.getChains(family), NftCodec::chain));
        }
        for (NftTable table : tables) {
            rules.addAll(rules(table));
        }
        // chains in table order, as nft lists them
        List<NftChain> ordered = new ArrayList<>();
        for (NftTable table : tables) {
            chains.stream().filter(c -> c.table().equals(table)).forEach(ordered::add);
        }
        return new io.nslab.netlink.nft.NftRuleset(tables, ordered, rules);
    }

    /** How long to wait for the kernel's answer before failing with ETIMEDOUT; 30 seconds by default. */
    public void setTimeout(Duration timeout) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /**
     * Sends the messages as one batch, each with NLM_F_ACK, and matches every answer to its message by sequence
     * number. The kernel handles a batch within the {@code sendmsg} call: it checks every message (reporting each
     * failure), then commits all of them or, if any failed, none.
     */
    NftTransactionResult commit(List<NftMessage> messages) {
        int n = messages.size();
        NetlinkException[] errors = new NetlinkException[n];
        boolean[] answered = new boolean[n];
        NetlinkException batchError = null;
        lock.lock();
        try {
            ensureOpen();
            int begin = nextSeq;
            nextSeq += n + 2;
            byte[] wire = NftCodec.batch(messages, begin, NetlinkFlags.ACK);
            socket.send(wire, 0, wire.length);
            int pending = n;
            while (pending > 0 && batchError == null) {
                for (Message m : Message.parseAll(socket.receive(timeoutMillis))) {
                    int k = m.header().seq() - begin - 1;
                    if (m.type() != MessageType.ERROR || k < -1 || k > n) {
                        continue; // not an answer to this batch
                    }
                    NetlinkError answer = NetlinkError.parse(m);
                    if (k == -1 || k == n) {
                        // an answer to BATCH_BEGIN or BATCH_END: the batch as a whole (EPERM, no nf_tables)
                        batchError = answer.isAck() ? batchError : failure("NFNL_MSG_BATCH", answer);
                    } else if (!answered[k]) {
                        answered[k] = true;
                        pending--;
                        errors[k] = answer.isAck() ? null : failure(messages.get(k).typeName(), answer);
                    } else if (!answer.isAck()) {
                        batchError = failure("commit", answer); // a second answer: the commit itself failed
                    }
                }
            }
            // Whatever else the kernel said about this batch is queued already; read it without waiting.
            for (Optional<ByteBuffer> more = socket.receiveQueued(); more.isPresent(); more = socket.receiveQueued()) {
                for (Message m : Message.parseAll(more.get())) {
                    int k = m.header().seq() - begin - 1;
                    if (m.type() == MessageType.ERROR && k >= -1 && k <= n) {
                        NetlinkError answer = NetlinkError.parse(m);
                        if (!answer.isAck() && batchError == null) {
                            batchError = failure("commit", answer);
                        }
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        List<BatchResult> results = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            results.add(new BatchResult(k, messages.get(k).command(), Optional.ofNullable(errors[k])));
        }
        return new NftTransactionResult(results, Optional.ofNullable(batchError));
    }

    /** Sends a dump request and reads every part of the answer (see {@link DumpReader}: an interrupted dump is asked for again). */
    private <T> List<T> dump(NftMessage request, Function<Message, T> parse) {
        lock.lock();
        try {
            ensureOpen();
            List<Message> parts = DumpReader.read(socket, timeoutMillis, request.typeName(), () -> nextSeq++, seq -> {
                io.nslab.netlink.msg.MessageBuilder b = new io.nslab.netlink.msg.MessageBuilder();
                request.encode(b, seq, NetlinkFlags.DUMP);
                byte[] wire = b.toByteArray();
                socket.send(wire, 0, wire.length);
            });
            return parts.stream().filter(m -> NftCodec.typeOf(m) >= 0).map(parse).toList();
        } finally {
            lock.unlock();
        }
    }

    private static NetlinkException failure(String what, NetlinkError error) {
        return new NetlinkException(what, error.errno(), error.extAckMessage().orElse(null));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("nf_tables handle is closed");
        }
    }

    /** Closes the socket; the namespace it was opened in stays open (it belongs to the caller). */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                socket.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NfTables[" + (namespace == null ? "current namespace" : namespace.path()) + "]";
    }
}
