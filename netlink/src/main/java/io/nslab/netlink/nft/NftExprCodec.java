package io.nslab.netlink.nft;

import io.nslab.netlink.msg.Attributes;
import io.nslab.netlink.msg.MessageBuilder;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Expressions on the wire ({@code NFTA_LIST_ELEM} of a rule's {@code NFTA_RULE_EXPRESSIONS}), attribute order as
 * {@code nft} 1.0 sends them. Reading maps what the kernel dumps back to the same records, and anything it does not
 * model (an unknown expression, a key, a direction, a set register) to {@link NftExpr.Unknown}.
 */
final class NftExprCodec {
    private static final int NESTED = NftAttr.NLA_F_NESTED;

    private NftExprCodec() {
    }

    static void write(MessageBuilder b, NftExpr e) {
        int elem = b.beginNested(NftAttr.LIST_ELEM | NESTED);
        b.attrString(NftAttr.EXPR_NAME, e.name());
        if (e instanceof NftExpr.Unknown u) {
            // the attributes as read, nested flags and all
            b.attr(NftAttr.EXPR_DATA | NESTED, HexFormat.of().parseHex(u.data()));
        } else {
            int data = b.beginNested(NftAttr.EXPR_DATA | NESTED);
            writeData(b, e);
            b.endNested(data);
        }
        b.endNested(elem);
    }

    private static void writeData(MessageBuilder b, NftExpr e) {
        switch (e) {
            case NftExpr.Meta m -> {
                b.attrBe32(NftAttr.META_KEY, m.key().code());
                b.attrBe32(NftAttr.META_DREG, m.dreg());
            }
            case NftExpr.Payload p -> {
                b.attrBe32(NftAttr.PAYLOAD_DREG, p.dreg());
                b.attrBe32(NftAttr.PAYLOAD_BASE, p.base().code());
                b.attrBe32(NftAttr.PAYLOAD_OFFSET, p.offset());
                b.attrBe32(NftAttr.PAYLOAD_LEN, p.length());
            }
            case NftExpr.Cmp c -> {
                b.attrBe32(NftAttr.CMP_SREG, c.sreg());
                b.attrBe32(NftAttr.CMP_OP, c.op().code());
                value(b, NftAttr.CMP_DATA, c.data());
            }
            case NftExpr.Bitwise w -> {
                b.attrBe32(NftAttr.BITWISE_SREG, w.sreg());
                b.attrBe32(NftAttr.BITWISE_DREG, w.dreg());
                b.attrBe32(NftAttr.BITWISE_LEN, w.mask().length());
                value(b, NftAttr.BITWISE_MASK, w.mask());
                value(b, NftAttr.BITWISE_XOR, w.xor());
            }
            case NftExpr.Ct c -> {
                b.attrBe32(NftAttr.CT_KEY, c.key().code());
                b.attrBe32(NftAttr.CT_DREG, c.dreg());
            }
            case NftExpr.Counter c -> {
                // nft sends an empty counter; the kernel starts it at zero
                if (c.packets() != 0 || c.bytes() != 0) {
                    b.attrBe64(NftAttr.COUNTER_BYTES, c.bytes());
                    b.attrBe64(NftAttr.COUNTER_PACKETS, c.packets());
                }
            }
            case NftExpr.Immediate i -> {
                b.attrBe32(NftAttr.IMMEDIATE_DREG, i.dreg());
                value(b, NftAttr.IMMEDIATE_DATA, i.data());
            }
            case NftExpr.Verdict v -> {
                b.attrBe32(NftAttr.IMMEDIATE_DREG, NftExpr.REG_VERDICT);
                int data = b.beginNested(NftAttr.IMMEDIATE_DATA | NESTED);
                int verdict = b.beginNested(NftAttr.DATA_VERDICT | NESTED);
                b.attrBe32(NftAttr.VERDICT_CODE, v.verdict().kind().code());
                if (!v.verdict().chain().isEmpty()) {
                    b.attrString(NftAttr.VERDICT_CHAIN, v.verdict().chain());
                }
                b.endNested(verdict);
                b.endNested(data);
            }
            case NftExpr.Reject r -> {
                b.attrBe32(NftAttr.REJECT_TYPE, r.type().code());
                b.attrU8(NftAttr.REJECT_ICMP_CODE, r.icmpCode());
            }
            case NftExpr.Masq m -> {
                if (m.flags() != 0) {
                    b.attrBe32(NftAttr.MASQ_FLAGS, m.flags());
                }
                protoRegisters(b, NftAttr.MASQ_REG_PROTO_MIN, NftAttr.MASQ_REG_PROTO_MAX, m.regProtoMin(),
                        m.regProtoMax());
            }
            case NftExpr.Nat n -> {
                b.attrBe32(NftAttr.NAT_TYPE, n.type().code());
                b.attrBe32(NftAttr.NAT_FAMILY, n.family().code());
                protoRegisters(b, NftAttr.NAT_REG_ADDR_MIN, NftAttr.NAT_REG_ADDR_MAX, n.regAddrMin(), n.regAddrMax());
                protoRegisters(b, NftAttr.NAT_REG_PROTO_MIN, NftAttr.NAT_REG_PROTO_MAX, n.regProtoMin(),
                        n.regProtoMax());
                // an address register implies NF_NAT_RANGE_MAP_IPS, which nft leaves to the kernel
                int flags = n.regAddrMin() != 0 ? n.flags() & ~NftExpr.NAT_MAP_IPS : n.flags();
                if (flags != 0) {
                    b.attrBe32(NftAttr.NAT_FLAGS, flags);
                }
            }
            case NftExpr.Redir r -> {
                protoRegisters(b, NftAttr.REDIR_REG_PROTO_MIN, NftAttr.REDIR_REG_PROTO_MAX, r.regProtoMin(),
                        r.regProtoMax());
                if (r.flags() != 0) {
                    b.attrBe32(NftAttr.REDIR_FLAGS, r.flags());
                }
            }
            case NftExpr.Numgen n -> {
                // nft sends the offset even when it is 0
                b.attrBe32(NftAttr.NG_DREG, n.dreg());
                b.attrBe32(NftAttr.NG_MODULUS, n.modulus());
                b.attrBe32(NftAttr.NG_TYPE, n.type().code());
                b.attrBe32(NftAttr.NG_OFFSET, n.offset());
            }
            case NftExpr.Byteorder o -> {
                b.attrBe32(NftAttr.BYTEORDER_SREG, o.sreg());
                b.attrBe32(NftAttr.BYTEORDER_DREG, o.dreg());
                b.attrBe32(NftAttr.BYTEORDER_OP, o.op().code());
                b.attrBe32(NftAttr.BYTEORDER_LEN, o.length());
                b.attrBe32(NftAttr.BYTEORDER_SIZE, o.size());
            }
            case NftExpr.Unknown u -> throw new IllegalStateException("written raw: " + u);
        }
    }

    /** A min register, and the max one only where it differs (the kernel takes a missing max as the min). */
    private static void protoRegisters(MessageBuilder b, int minType, int maxType, int min, int max) {
        if (min != 0) {
            b.attrBe32(minType, min);
            if (max != min) {
                b.attrBe32(maxType, max);
            }
        }
    }

    private static void value(MessageBuilder b, int type, NftData data) {
        int nest = b.beginNested(type | NESTED);
        b.attr(NftAttr.DATA_VALUE, data.bytes());
        b.endNested(nest);
    }

    /** Reads one {@code NFTA_LIST_ELEM}'s payload. */
    static NftExpr read(ByteBuffer elem) {
        Attributes a = Attributes.parse(elem);
        String name = a.string(NftAttr.EXPR_NAME)
                .orElseThrow(() -> new io.nslab.netlink.msg.MalformedMessageException("expression without a name"));
        ByteBuffer raw = a.get(NftAttr.EXPR_DATA).orElse(ByteBuffer.allocate(0));
        Attributes d = Attributes.parse(raw);
        NftExpr known = switch (name) {
            case "meta" -> meta(d);
            case "payload" -> payload(d);
            case "cmp" -> cmp(d);
            case "bitwise" -> bitwise(d);
            case "ct" -> ct(d);
            case "counter" -> new NftExpr.Counter(d.be64(NftAttr.COUNTER_PACKETS, 0), d.be64(NftAttr.COUNTER_BYTES, 0));
            case "immediate" -> immediate(d);
            case "reject" -> reject(d);
            case "masq" -> new NftExpr.Masq(d.be32(NftAttr.MASQ_FLAGS, 0), d.be32(NftAttr.MASQ_REG_PROTO_MIN, 0),
                    d.be32(NftAttr.MASQ_REG_PROTO_MAX, 0));
            case "nat" -> nat(d);
            case "numgen" -> numgen(d);
            case "byteorder" -> byteorder(d);
            case "redir" -> new NftExpr.Redir(d.be32(NftAttr.REDIR_REG_PROTO_MIN, 0),
                    d.be32(NftAttr.REDIR_REG_PROTO_MAX, 0), d.be32(NftAttr.REDIR_FLAGS, 0));
            default -> null;
        };
        if (known != null) {
            return known;
        }
        byte[] bytes = new byte[raw.remaining()];
        raw.duplicate().get(bytes);
        return new NftExpr.Unknown(name, HexFormat.of().formatHex(bytes));
    }

    private static NftExpr meta(Attributes d) {
        NftExpr.Meta.Key key = NftExpr.Meta.Key.of(d.be32(NftAttr.META_KEY, -1));
        return key == null || !d.has(NftAttr.META_DREG) ? null : new NftExpr.Meta(key, d.be32(NftAttr.META_DREG, 0));
    }

    private static NftExpr payload(Attributes d) {
        NftExpr.Payload.Base base = NftExpr.Payload.Base.of(d.be32(NftAttr.PAYLOAD_BASE, -1));
        if (base == null || !d.has(NftAttr.PAYLOAD_DREG) || d.has(NftAttr.PAYLOAD_SREG)) {
            return null;
        }
        return new NftExpr.Payload(base, d.be32(NftAttr.PAYLOAD_OFFSET, 0), d.be32(NftAttr.PAYLOAD_LEN, 0),
                d.be32(NftAttr.PAYLOAD_DREG, 0));
    }

    private static NftExpr cmp(Attributes d) {
        NftExpr.Cmp.Op op = NftExpr.Cmp.Op.of(d.be32(NftAttr.CMP_OP, -1));
        NftData data = value(d, NftAttr.CMP_DATA);
        return op == null || data == null ? null : new NftExpr.Cmp(op, d.be32(NftAttr.CMP_SREG, 0), data);
    }

    private static NftExpr bitwise(Attributes d) {
        // NFT_BITWISE_MASK_XOR (0) is the only operation modelled; shifts read back as Unknown
        NftData mask = value(d, NftAttr.BITWISE_MASK);
        NftData xor = value(d, NftAttr.BITWISE_XOR);
        if (d.be32(NftAttr.BITWISE_OP, 0) != 0 || mask == null || xor == null || mask.length() != xor.length()) {
            return null;
        }
        return new NftExpr.Bitwise(d.be32(NftAttr.BITWISE_SREG, 0), d.be32(NftAttr.BITWISE_DREG, 0), mask, xor);
    }

    private static NftExpr ct(Attributes d) {
        NftExpr.Ct.Key key = NftExpr.Ct.Key.of(d.be32(NftAttr.CT_KEY, -1));
        if (key == null || !d.has(NftAttr.CT_DREG) || d.has(NftAttr.CT_DIRECTION) || d.has(NftAttr.CT_SREG)) {
            return null;
        }
        return new NftExpr.Ct(key, d.be32(NftAttr.CT_DREG, 0));
    }

    private static NftExpr immediate(Attributes d) {
        int dreg = d.be32(NftAttr.IMMEDIATE_DREG, -1);
        Attributes data = d.nested(NftAttr.IMMEDIATE_DATA);
        if (dreg == NftExpr.REG_VERDICT && data.has(NftAttr.DATA_VERDICT)) {
            Attributes v = data.nested(NftAttr.DATA_VERDICT);
            NftVerdict.Kind kind;
            try {
                kind = NftVerdict.Kind.of(v.be32(NftAttr.VERDICT_CODE, Integer.MIN_VALUE));
            } catch (IllegalArgumentException e) {
                return null;
            }
            return new NftExpr.Verdict(new NftVerdict(kind, v.string(NftAttr.VERDICT_CHAIN).orElse("")));
        }
        NftData value = value(d, NftAttr.IMMEDIATE_DATA);
        return dreg <= 0 || value == null ? null : new NftExpr.Immediate(dreg, value);
    }

    private static NftExpr reject(Attributes d) {
        NftExpr.Reject.Type type = NftExpr.Reject.Type.of(d.be32(NftAttr.REJECT_TYPE, -1));
        return type == null ? null : new NftExpr.Reject(type, d.u8(NftAttr.REJECT_ICMP_CODE, 0));
    }

    private static NftExpr nat(Attributes d) {
        NftExpr.Nat.Type type = NftExpr.Nat.Type.of(d.be32(NftAttr.NAT_TYPE, -1));
        int family = d.be32(NftAttr.NAT_FAMILY, -1);
        if (type == null || (family != NftFamily.IP.code() && family != NftFamily.IP6.code())) {
            return null;
        }
        return new NftExpr.Nat(type, NftFamily.of(family), d.be32(NftAttr.NAT_REG_ADDR_MIN, 0),
                d.be32(NftAttr.NAT_REG_ADDR_MAX, 0), d.be32(NftAttr.NAT_REG_PROTO_MIN, 0),
                d.be32(NftAttr.NAT_REG_PROTO_MAX, 0), d.be32(NftAttr.NAT_FLAGS, 0));
    }

    private static NftExpr numgen(Attributes d) {
        NftExpr.Numgen.Type type = NftExpr.Numgen.Type.of(d.be32(NftAttr.NG_TYPE, -1));
        int modulus = d.be32(NftAttr.NG_MODULUS, 0);
        if (type == null || modulus < 1 || !d.has(NftAttr.NG_DREG)) {
            return null;
        }
        return new NftExpr.Numgen(type, modulus, d.be32(NftAttr.NG_OFFSET, 0), d.be32(NftAttr.NG_DREG, 0));
    }

    private static NftExpr byteorder(Attributes d) {
        NftExpr.Byteorder.Op op = NftExpr.Byteorder.Op.of(d.be32(NftAttr.BYTEORDER_OP, -1));
        int size = d.be32(NftAttr.BYTEORDER_SIZE, 0);
        int length = d.be32(NftAttr.BYTEORDER_LEN, 0);
        if (op == null || (size != 2 && size != 4 && size != 8) || length < size || length > NftData.MAX_LENGTH
                || length % size != 0) {
            return null;
        }
        return new NftExpr.Byteorder(d.be32(NftAttr.BYTEORDER_SREG, 0), d.be32(NftAttr.BYTEORDER_DREG, 0), op, length,
                size);
    }

    /** The {@code NFTA_DATA_VALUE} nested in attribute {@code type}; null when absent or empty. */
    private static NftData value(Attributes d, int type) {
        return d.nested(type).bytes(NftAttr.DATA_VALUE).filter(b -> b.length > 0 && b.length <= NftData.MAX_LENGTH)
                .map(NftData::of).orElse(null);
    }
}
