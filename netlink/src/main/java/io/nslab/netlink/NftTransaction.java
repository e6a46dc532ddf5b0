package io.nslab.netlink;

import io.nslab.netlink.nft.NftChain;
import io.nslab.netlink.nft.NftCodec;
import io.nslab.netlink.nft.NftMessage;
import io.nslab.netlink.nft.NftRule;
import io.nslab.netlink.nft.NftTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to the nf_tables ruleset that the kernel applies together or not at all: one batch
 * ({@code NFNL_MSG_BATCH_BEGIN} ... {@code NFNL_MSG_BATCH_END}) in one {@code sendmsg}, as {@code nft -f FILE}
 * sends a file. Each method queues one message and names the {@code nft} command it equals; a later message may
 * refer to what an earlier one creates (a rule to the chain added before it).
 * Obtained from {@link NfTables#transaction()}.
 */
public final class NftTransaction {
    private final NfTables nftables;
    private final List<NftMessage> messages = new ArrayList<>();

    NftTransaction(NfTables nftables) {
        this.nftables = nftables;
    }

    /** Equivalent to: {@code nft add table FAMILY NAME} (nothing happens if it exists) */
    public NftTransaction addTable(NftTable table) {
        return add(NftCodec.addTable(table));
    }

    /** Equivalent to: {@code nft delete table FAMILY NAME}, its chains and rules with it */
    public NftTransaction deleteTable(NftTable table) {
        return add(NftCodec.deleteTable(table));
    }

    /** Equivalent to: {@code nft add chain FAMILY TABLE NAME [{ type T hook H priority P; policy X; }]} */
    public NftTransaction addChain(NftChain chain) {
        return add(NftCodec.addChain(chain));
    }

    /** Equivalent to: {@code nft delete chain FAMILY TABLE NAME} (the chain must be empty and unreferenced) */
    public NftTransaction deleteChain(NftTable table, String chain) {
        return add(NftCodec.deleteChain(table, chain));
    }

    /** Equivalent to: {@code nft add rule FAMILY TABLE CHAIN ...}: appended to the chain */
    public NftTransaction addRule(NftRule rule) {
        return add(NftCodec.addRule(rule));
    }

    /** Equivalent to: {@code nft add rule FAMILY TABLE CHAIN position HANDLE ...}: right after that rule */
    public NftTransaction addRuleAfter(NftRule rule, long handle) {
        return add(NftCodec.addRuleAfter(rule, handle));
    }

    /** Equivalent to: {@code nft insert rule FAMILY TABLE CHAIN ...}: first in the chain */
    public NftTransaction insertRule(NftRule rule) {
        return add(NftCodec.insertRule(rule));
    }

    /** Equivalent to: {@code nft insert rule FAMILY TABLE CHAIN position HANDLE ...}: right before that rule */
    public NftTransaction insertRuleBefore(NftRule rule, long handle) {
        return add(NftCodec.insertRuleBefore(rule, handle));
    }

    /** Equivalent to: {@code nft replace rule FAMILY TABLE CHAIN handle HANDLE ...}: same place, new expressions */
    public NftTransaction replaceRule(NftRule rule, long handle) {
        return add(NftCodec.replaceRule(rule, handle));
    }

    /** Equivalent to: {@code nft delete rule FAMILY TABLE CHAIN handle HANDLE} */
    public NftTransaction deleteRule(NftTable table, String chain, long handle) {
        return add(NftCodec.deleteRule(table, chain, handle));
    }

    /** Equivalent to: {@code nft flush chain FAMILY TABLE CHAIN} */
    public NftTransaction flushChain(NftTable table, String chain) {
        return add(NftCodec.flushChain(table, chain));
    }

    /** Queues a message made by {@link NftCodec}. */
    public NftTransaction add(NftMessage message) {
        messages.add(message);
        return this;
    }

    /** Messages queued and not yet sent. */
    public int size() {
        return messages.size();
    }

    /** The {@code nft} commands of the queued messages, in order. */
    public List<String> commands() {
        return messages.stream().map(NftMessage::command).toList();
    }

    /** Sends the queued messages as one batch and returns the kernel's answers; the transaction is empty afterwards. */
    public NftTransactionResult tryCommit() {
        List<NftMessage> toSend = List.copyOf(messages);
        messages.clear();
        return nftables.commit(toSend);
    }

    /**
     * Sends the queued messages as one batch; the transaction is empty afterwards.
     *
     * @throws NftTransactionException if the kernel refused the batch or any message of it (then none applied)
     */
    public void commit() {
        NftTransactionResult result = tryCommit();
        if (!result.committed()) {
            throw new NftTransactionException(result);
        }
    }
}
