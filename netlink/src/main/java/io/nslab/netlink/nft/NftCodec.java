package io.nslab.netlink.nft;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.MalformedMessageException;
import io.nslab.netlink.msg.Message;
import io.nslab.netlink.msg.MessageBuilder;
import io.nslab.netlink.msg.NetlinkFlags;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * nf_tables requests and replies on the wire, byte for byte as {@code nft} 1.0 sends them (the golden tests hold
 * them to that), and the batch that carries requests as one transaction. Pure encoding: no socket, no privilege.
 */
public final class NftCodec {
    private NftCodec() {
    }

    /** Equivalent to: {@code nft add table FAMILY NAME} */
    public static NftMessage addTable(NftTable t) {
        return new NftMessage(NftAttr.NEWTABLE, 0, t.family().code(), "add table " + t, b -> {
            b.attrString(NftAttr.TABLE_NAME, t.name());
            b.attrBe32(NftAttr.TABLE_FLAGS, 0);
        });
    }

    /** Equivalent to: {@code nft delete table FAMILY NAME} (its chains and rules go with it) */
    public static NftMessage deleteTable(NftTable t) {
        return new NftMessage(NftAttr.DELTABLE, 0, t.family().code(), "delete table " + t,
                b -> b.attrString(NftAttr.TABLE_NAME, t.name()));
    }

    /** Equivalent to: {@code nft add chain FAMILY TABLE NAME [{ type T hook H priority P; policy X; }]} */
    public static NftMessage addChain(NftChain c) {
        return new NftMessage(NftAttr.NEWCHAIN, NetlinkFlags.CREATE, c.table().family().code(), "add chain " + c,
                b -> {
                    b.attrString(NftAttr.CHAIN_TABLE, c.table().name());
                    b.attrString(NftAttr.CHAIN_NAME, c.name());
                    c.base().ifPresent(base -> {
                        b.attrString(NftAttr.CHAIN_TYPE, base.type().keyword());
                        b.attrBe32(NftAttr.CHAIN_POLICY, base.policy().code());
                        int hook = b.beginNested(NftAttr.CHAIN_HOOK | NftAttr.NLA_F_NESTED);
                        b.attrBe32(NftAttr.HOOK_HOOKNUM, base.hook().code());
                        b.attrBe32(NftAttr.HOOK_PRIORITY, base.priority());
                        b.endNested(hook);
                    });
                });
    }

    /** Equivalent to: {@code nft delete chain FAMILY TABLE NAME} (refused while rules jump to it: EBUSY) */
    public static NftMessage deleteChain(NftTable table, String chain) {
        NftNames.check("chain", chain);
        return new NftMessage(NftAttr.DELCHAIN, 0, table.family().code(), "delete chain " + table + " " + chain,
                b -> {
                    b.attrString(NftAttr.CHAIN_TABLE, table.name());
                    b.attrString(NftAttr.CHAIN_NAME, chain);
                });
    }

    /** Equivalent to: {@code nft add rule FAMILY TABLE CHAIN ...}: at the end of the chain. */
    public static NftMessage addRule(NftRule r) {
        return rule(r, NetlinkFlags.CREATE | NetlinkFlags.APPEND, -1, "add rule ");
    }

    /** Equivalent to: {@code nft add rule FAMILY TABLE CHAIN position HANDLE ...}: right after that rule. */
    public static NftMessage addRuleAfter(NftRule r, long handle) {
        return rule(r, NetlinkFlags.CREATE | NetlinkFlags.APPEND, checkHandle(handle), "add rule ");
    }

    /** Equivalent to: {@code nft insert rule FAMILY TABLE CHAIN ...}: at the start of the chain. */
    public static NftMessage insertRule(NftRule r) {
        return rule(r, NetlinkFlags.CREATE, -1, "insert rule ");
    }

    /** Equivalent to: {@code nft insert rule FAMILY TABLE CHAIN position HANDLE ...}: right before that rule. */
    public static NftMessage insertRuleBefore(NftRule r, long handle) {
        return rule(r, NetlinkFlags.CREATE, checkHandle(handle), "insert rule ");
    }

    /**
     * Equivalent to: {@code nft replace rule FAMILY TABLE CHAIN handle HANDLE ...}: the rule's place in the chain,
     * with new expressions (and counters from zero).
     */
    public static NftMessage replaceRule(NftRule r, long handle) {
        checkHandle(handle);
        return new NftMessage(NftAttr.NEWRULE, NetlinkFlags.REPLACE, r.table().family().code(),
                "replace rule " + r.table() + " " + r.chain() + " handle " + handle + " " + expressionsText(r),
                b -> {
                    b.attrString(NftAttr.RULE_TABLE, r.table().name());
                    b.attrString(NftAttr.RULE_CHAIN, r.chain());
                    b.attrBe64(NftAttr.RULE_HANDLE, handle);
                    expressions(b, r);
                });
    }

    private static void expressions(MessageBuilder b, NftRule r) {
        int list = b.beginNested(NftAttr.RULE_EXPRESSIONS | NftAttr.NLA_F_NESTED);
        for (NftExpr e : r.expressions()) {
            NftExprCodec.write(b, e);
        }
        b.endNested(list);
    }

    private static NftMessage rule(NftRule r, int flags, long position, String verb) {
        String where = position < 0 ? "" : " position " + position;
        return new NftMessage(NftAttr.NEWRULE, flags, r.table().family().code(),
                verb + r.table() + " " + r.chain() + where + " " + expressionsText(r), b -> {
                    b.attrString(NftAttr.RULE_TABLE, r.table().name());
                    b.attrString(NftAttr.RULE_CHAIN, r.chain());
                    expressions(b, r);
                    if (position >= 0) {
                        b.attrBe64(NftAttr.RULE_POSITION, position);
                    }
                });
    }

    /** Equivalent to: {@code nft delete rule FAMILY TABLE CHAIN handle HANDLE} */
    public static NftMessage deleteRule(NftTable table, String chain, long handle) {
        NftNames.check("chain", chain);
        checkHandle(handle);
        return new NftMessage(NftAttr.DELRULE, 0, table.family().code(),
                "delete rule " + table + " " + chain + " handle " + handle, b -> {
                    b.attrString(NftAttr.RULE_TABLE, table.name());
                    b.attrString(NftAttr.RULE_CHAIN, chain);
                    b.attrBe64(NftAttr.RULE_HANDLE, handle);
                });
    }

    /** Equivalent to: {@code nft flush chain FAMILY TABLE CHAIN}: deletes every rule of the chain. */
    public static NftMessage flushChain(NftTable table, String chain) {
        NftNames.check("chain", chain);
        return new NftMessage(NftAttr.DELRULE, 0, table.family().code(), "flush chain " + table + " " + chain, b -> {
            b.attrString(NftAttr.RULE_TABLE, table.name());
            b.attrString(NftAttr.RULE_CHAIN, chain);
        });
    }

    /** A dump of the tables of one family, or of all (empty). Equivalent to: {@code nft list tables [FAMILY]} */
    public static NftMessage getTables(Optional<NftFamily> family) {
        return new NftMessage(NftAttr.GETTABLE, 0, family.map(NftFamily::code).orElse(0),
                "list tables" + family.map(f -> " " + f).orElse(""), b -> { });
    }

    /**
     * A dump of the chains of one family (the kernel filters chain dumps by family only, so the caller keeps
     * those of its table). Equivalent to: {@code nft list chains FAMILY}
     */
    public static NftMessage getChains(NftFamily family) {
        return new NftMessage(NftAttr.GETCHAIN, 0, family.code(), "list chains " + family, b -> { });
    }

    /** A dump of the rules of one table, or of one of its chains. Equivalent to: {@code nft -a list chain ...} */
    public static NftMessage getRules(NftTable table, Optional<String> chain) {
        return new NftMessage(NftAttr.GETRULE, 0, table.family().code(),
                "list " + chain.map(c -> "chain " + table + " " + c).orElse("table " + table) + " (rules)", b -> {
                    b.attrString(NftAttr.RULE_TABLE, table.name());
                    chain.ifPresent(c -> b.attrString(NftAttr.RULE_CHAIN, c));
                });
    }

    /**
     * The datagram of one transaction: {@code NFNL_MSG_BATCH_BEGIN} with sequence number {@code firstSeq}, the
     * messages with the numbers after it (each with {@code extraFlags}, such as NLM_F_ACK), and
     * {@code NFNL_MSG_BATCH_END}. The kernel applies all the messages or none.
     */
    public static byte[] batch(List<NftMessage> messages, int firstSeq, int extraFlags) {
        MessageBuilder b = new MessageBuilder(64 + 256 * messages.size());
        batchMarker(b, NftAttr.NFNL_MSG_BATCH_BEGIN, firstSeq);
        int seq = firstSeq + 1;
        for (NftMessage m : messages) {
            m.encode(b, seq++, extraFlags);
        }
        batchMarker(b, NftAttr.NFNL_MSG_BATCH_END, seq);
        return b.toByteArray();
    }

    private static void batchMarker(MessageBuilder b, int type, int seq) {
        int start = b.beginMessage(type, NetlinkFlags.REQUEST, seq);
        NftMessage.writeNfgenmsg(b, 0, NftAttr.NFNL_SUBSYS_NFTABLES);
        b.endMessage(start);
    }

    /** The {@code NFT_MSG_*} type of a message from the kernel, or -1 when it is not nf_tables'. */
    public static int typeOf(Message m) {
        return m.type() >>> 8 == NftAttr.NFNL_SUBSYS_NFTABLES ? m.type() & 0xff : -1;
    }

    /** A table of a {@code NFT_MSG_NEWTABLE} message, as dumps carry them. */
    public static NftTable table(Message m) {
        expect(m, NftAttr.NEWTABLE);
        Attributes a = attributes(m);
        return new NftTable(family(m), a.string(NftAttr.TABLE_NAME).orElseThrow(() -> missing("table name")));
    }

    /** A chain of a {@code NFT_MSG_NEWCHAIN} message. */
    public static NftChain chain(Message m) {
        expect(m, NftAttr.NEWCHAIN);
        Attributes a = attributes(m);
        NftTable table = new NftTable(family(m), a.string(NftAttr.CHAIN_TABLE).orElseThrow(() -> missing("table")));
        String name = a.string(NftAttr.CHAIN_NAME).orElseThrow(() -> missing("chain name"));
        if (!a.has(NftAttr.CHAIN_HOOK)) {
            return NftChain.regular(table, name);
        }
        Attributes hook = a.nested(NftAttr.CHAIN_HOOK);
        return NftChain.base(table, name,
                NftChainType.of(a.string(NftAttr.CHAIN_TYPE).orElseThrow(() -> missing("chain type"))),
                NftHook.of(hook.be32(NftAttr.HOOK_HOOKNUM, -1)), hook.be32(NftAttr.HOOK_PRIORITY, 0),
                NftPolicy.of(a.be32(NftAttr.CHAIN_POLICY, NftPolicy.ACCEPT.code())));
    }

    /** A rule of a {@code NFT_MSG_NEWRULE} message, with its handle. */
    public static NftInstalledRule rule(Message m) {
        expect(m, NftAttr.NEWRULE);
        Attributes a = attributes(m);
        NftTable table = new NftTable(family(m), a.string(NftAttr.RULE_TABLE).orElseThrow(() -> missing("table")));
        String chain = a.string(NftAttr.RULE_CHAIN).orElseThrow(() -> missing("chain"));
        List<NftExpr> expressions = new ArrayList<>();
        for (ByteBuffer elem : a.nested(NftAttr.RULE_EXPRESSIONS).all(NftAttr.LIST_ELEM)) {
            expressions.add(NftExprCodec.read(elem));
        }
        return new NftInstalledRule(new NftRule(table, chain, expressions),
                a.be64(NftAttr.RULE_HANDLE, -1));
    }

    private static String expressionsText(NftRule r) {
        StringBuilder s = new StringBuilder();
        for (NftExpr e : r.expressions()) {
            s.append(s.isEmpty() ? "" : " ").append(e);
        }
        return s.toString();
    }

    private static long checkHandle(long handle) {
        if (handle <= 0) {
            throw new IllegalArgumentException("rule handle " + handle + " (handles start at 1)");
        }
        return handle;
    }

    private static void expect(Message m, int type) {
        if (typeOf(m) != type) {
            throw new MalformedMessageException("expected " + NftMessage.typeName(type) + ", got message type 0x"
                    + Integer.toHexString(m.type()));
        }
    }

    private static NftFamily family(Message m) {
        return NftFamily.of(Byte.toUnsignedInt(m.body().get(0)));
    }

    private static Attributes attributes(Message m) {
        return Attributes.after(m.body(), NftMessage.NFGENMSG_SIZE);
    }

    private static MalformedMessageException missing(String what) {
        return new MalformedMessageException("nf_tables message without " + what);
    }
}
