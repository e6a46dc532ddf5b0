package io.nslab.netlink.nft;

import java.util.Objects;

/**
 * One expression of a rule, as the kernel runs it: loads into registers ({@link Meta}, {@link Payload},
 * {@link Ct}, {@link Immediate}, {@link Numgen}), conversions ({@link Byteorder}), comparisons ({@link Cmp}) and masks ({@link Bitwise}) on them, and statements
 * ({@link Counter}, {@link Verdict}, {@link Reject}, {@link Masq}, {@link Nat}, {@link Redir}). An expression
 * this library does not model reads back as {@link Unknown}, which writes back the same bytes.
 *
 * <p>Records whose kernel state holds more than a request says ({@link Nat}, {@link Masq}, {@link Redir}) are kept
 * in the kernel's form, so that what is installed equals what is read back. Their {@code toString} follows
 * {@code nft --debug=netlink}.
 */
public sealed interface NftExpr {
    /** The verdict register, which {@link Verdict} writes. */
    int REG_VERDICT = 0;
    /** The first 16-byte data register, where {@code nft} loads whatever it matches. */
    int REG_1 = 1;
    /** The second 16-byte data register ({@code nft} puts a NAT port there). */
    int REG_2 = 2;

    /** The kernel's name of the expression: {@code meta}, {@code cmp}, ... */
    String name();

    /** {@code meta load KEY => reg DREG} */
    record Meta(Key key, int dreg) implements NftExpr {
        /** The {@code NFT_META_*} keys this library models. */
        public enum Key {
            LEN(0, "len"), PROTOCOL(1, "protocol"), MARK(3, "mark"), IIF(4, "iif"), OIF(5, "oif"),
            IIFNAME(6, "iifname"), OIFNAME(7, "oifname"), IIFTYPE(8, "iiftype"), OIFTYPE(9, "oiftype"),
            NFPROTO(15, "nfproto"), L4PROTO(16, "l4proto"), PKTTYPE(19, "pkttype");

            private final int code;
            private final String keyword;

            Key(int code, String keyword) {
                this.code = code;
                this.keyword = keyword;
            }

            public int code() {
                return code;
            }

            public static Key of(int code) {
                for (Key k : values()) {
                    if (k.code == code) {
                        return k;
                    }
                }
                return null;
            }
        }

        public Meta {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String name() {
            return "meta";
        }

        @Override
        public String toString() {
            return "[ meta load " + key.keyword + " => reg " + dreg + " ]";
        }
    }

    /** {@code payload load LENb @ BASE header + OFFSET => reg DREG} */
    record Payload(Base base, int offset, int length, int dreg) implements NftExpr {
        /** {@code NFT_PAYLOAD_*_HEADER}: where the offset counts from. */
        public enum Base {
            LINK(0, "link"), NETWORK(1, "network"), TRANSPORT(2, "transport"), INNER(3, "inner");

            private final int code;
            private final String keyword;

            Base(int code, String keyword) {
                this.code = code;
                this.keyword = keyword;
            }

            public int code() {
                return code;
            }

            public static Base of(int code) {
                for (Base b : values()) {
                    if (b.code == code) {
                        return b;
                    }
                }
                return null;
            }
        }

        public Payload {
            Objects.requireNonNull(base, "base");
            if (offset < 0 || length < 1 || length > NftData.MAX_LENGTH) {
                throw new IllegalArgumentException("payload load of " + length + " bytes at offset " + offset);
            }
        }

        @Override
        public String name() {
            return "payload";
        }

        @Override
        public String toString() {
            return "[ payload load " + length + "b @ " + base.keyword + " header + " + offset + " => reg " + dreg
                    + " ]";
        }
    }

    /** {@code cmp OP reg SREG DATA} */
    record Cmp(Op op, int sreg, NftData data) implements NftExpr {
        /** {@code NFT_CMP_*}. */
        public enum Op {
            EQ("eq"), NEQ("neq"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte");

            private final String keyword;

            Op(String keyword) {
                this.keyword = keyword;
            }

            public int code() {
                return ordinal();
            }

            public static Op of(int code) {
                return code >= 0 && code < values().length ? values()[code] : null;
            }
        }

        public Cmp {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String name() {
            return "cmp";
        }

        @Override
        public String toString() {
            return "[ cmp " + op.keyword + " reg " + sreg + " " + data + " ]";
        }
    }

    /** {@code bitwise reg DREG = ( reg SREG & MASK ) ^ XOR}, over as many bytes as the mask has. */
    record Bitwise(int sreg, int dreg, NftData mask, NftData xor) implements NftExpr {
        public Bitwise {
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(xor, "xor");
            if (mask.length() != xor.length()) {
                throw new IllegalArgumentException("bitwise mask of " + mask.length() + " bytes, xor of "
                        + xor.length());
            }
        }

        @Override
        public String name() {
            return "bitwise";
        }

        @Override
        public String toString() {
            return "[ bitwise reg " + dreg + " = ( reg " + sreg + " & " + mask + " ) ^ " + xor + " ]";
        }
    }

    /** {@code ct load KEY => reg DREG} */
    record Ct(Key key, int dreg) implements NftExpr {
        /** The {@code NFT_CT_*} keys this library models (those that need no direction). */
        public enum Key {
            STATE(0, "state"), DIRECTION(1, "direction"), STATUS(2, "status"), MARK(3, "mark");

            private final int code;
            private final String keyword;

            Key(int code, String keyword) {
                this.code = code;
                this.keyword = keyword;
            }

            public int code() {
                return code;
            }

            public static Key of(int code) {
                for (Key k : values()) {
                    if (k.code == code) {
                        return k;
                    }
                }
                return null;
            }
        }

        public Ct {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String name() {
            return "ct";
        }

        @Override
        public String toString() {
            return "[ ct load " + key.keyword + " => reg " + dreg + " ]";
        }
    }

    /** {@code counter}: packets and bytes that reached it; zero in a new rule, the kernel's count when read back. */
    record Counter(long packets, long bytes) implements NftExpr {
        public static Counter zero() {
            return new Counter(0, 0);
        }

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public String toString() {
            return "[ counter pkts " + packets + " bytes " + bytes + " ]";
        }
    }

    /** {@code immediate reg DREG DATA}: a value for a later expression, such as a NAT address. */
    record Immediate(int dreg, NftData data) implements NftExpr {
        public Immediate {
            Objects.requireNonNull(data, "data");
            if (dreg == REG_VERDICT) {
                throw new IllegalArgumentException("a value cannot go to the verdict register; use Verdict");
            }
        }

        @Override
        public String name() {
            return "immediate";
        }

        @Override
        public String toString() {
            return "[ immediate reg " + dreg + " " + data + " ]";
        }
    }

    /** {@code immediate reg 0 VERDICT}: accept, drop, jump, goto, return. */
    record Verdict(NftVerdict verdict) implements NftExpr {
        public Verdict {
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public String name() {
            return "immediate";
        }

        @Override
        public String toString() {
            return "[ immediate reg 0 " + verdict + " ]";
        }
    }

    /** {@code reject type TYPE code CODE}: drop and answer with an ICMP error or a TCP reset. */
    record Reject(Type type, int icmpCode) implements NftExpr {
        /** {@code NFT_REJECT_*}. */
        public enum Type {
            ICMP_UNREACH, TCP_RST, ICMPX_UNREACH;

            public int code() {
                return ordinal();
            }

            public static Type of(int code) {
                return code >= 0 && code < values().length ? values()[code] : null;
            }
        }

        /** ICMP codes of destination-unreachable ({@code ICMP_*_UNREACH}) that {@code reject with icmp} names. */
        public static final int ICMP_NET_UNREACH = 0;
        public static final int ICMP_HOST_UNREACH = 1;
        public static final int ICMP_PROT_UNREACH = 2;
        public static final int ICMP_PORT_UNREACH = 3;
        public static final int ICMP_NET_PROHIBITED = 9;
        public static final int ICMP_HOST_PROHIBITED = 10;
        public static final int ICMP_ADMIN_PROHIBITED = 13;
        /** ICMPv6 destination-unreachable codes. */
        public static final int ICMPV6_NO_ROUTE = 0;
        public static final int ICMPV6_ADMIN_PROHIBITED = 1;
        public static final int ICMPV6_ADDR_UNREACH = 3;
        public static final int ICMPV6_PORT_UNREACH = 4;
        /** {@code NFT_REJECT_ICMPX_*}: family-neutral codes for inet tables. */
        public static final int ICMPX_NO_ROUTE = 0;
        public static final int ICMPX_PORT_UNREACH = 1;
        public static final int ICMPX_HOST_UNREACH = 2;
        public static final int ICMPX_ADMIN_PROHIBITED = 3;

        public Reject {
            Objects.requireNonNull(type, "type");
            if (icmpCode < 0 || icmpCode > 255 || (type == Type.TCP_RST && icmpCode != 0)) {
                throw new IllegalArgumentException("reject " + type + " with code " + icmpCode);
            }
        }

        @Override
        public String name() {
            return "reject";
        }

        @Override
        public String toString() {
            return "[ reject type " + type.code() + " code " + icmpCode + " ]";
        }
    }

    /**
     * {@code numgen reg DREG = random|inc mod MODULUS offset OFFSET}: a number in {@code [offset, offset + modulus)},
     * uniformly random per packet ({@link Type#RANDOM}, the kernel's {@code get_random_u32}) or counting up
     * ({@link Type#INCREMENTAL}), in host byte order in the register. {@code nft} follows it with a
     * {@link Byteorder} to network order before comparing.
     */
    record Numgen(Type type, int modulus, int offset, int dreg) implements NftExpr {
        /** {@code NFT_NG_INCREMENTAL}, {@code NFT_NG_RANDOM}. */
        public enum Type {
            INCREMENTAL("inc"), RANDOM("random");

            private final String keyword;

            Type(String keyword) {
                this.keyword = keyword;
            }

            public int code() {
                return ordinal();
            }

            public String keyword() {
                return keyword;
            }

            public static Type of(int code) {
                return code >= 0 && code < values().length ? values()[code] : null;
            }
        }

        public Numgen {
            Objects.requireNonNull(type, "type");
            if (modulus < 1) {
                throw new IllegalArgumentException("numgen modulus " + modulus + ": at least 1");
            }
        }

        @Override
        public String name() {
            return "numgen";
        }

        @Override
        public String toString() {
            return "[ numgen reg " + dreg + " = " + type.keyword + " mod " + modulus
                    + (offset == 0 ? "" : " offset " + offset) + " ]";
        }
    }

    /** {@code byteorder reg DREG = hton|ntoh(reg SREG, SIZE, LEN)}: converts LEN bytes in units of SIZE bytes. */
    record Byteorder(int sreg, int dreg, Op op, int length, int size) implements NftExpr {
        /** {@code NFT_BYTEORDER_NTOH}, {@code NFT_BYTEORDER_HTON}. */
        public enum Op {
            NTOH("ntoh"), HTON("hton");

            private final String keyword;

            Op(String keyword) {
                this.keyword = keyword;
            }

            public int code() {
                return ordinal();
            }

            public static Op of(int code) {
                return code >= 0 && code < values().length ? values()[code] : null;
            }
        }

        public Byteorder {
            Objects.requireNonNull(op, "op");
            if (size != 2 && size != 4 && size != 8) {
                throw new IllegalArgumentException("byteorder size " + size + ": 2, 4 or 8");
            }
            if (length < size || length > NftData.MAX_LENGTH || length % size != 0) {
                throw new IllegalArgumentException("byteorder of " + length + " bytes in units of " + size);
            }
        }

        @Override
        public String name() {
            return "byteorder";
        }

        @Override
        public String toString() {
            return "[ byteorder reg " + dreg + " = " + op.keyword + "(reg " + sreg + ", " + size + ", " + length
                    + ") ]";
        }
    }

    /** {@code nf_nat_range} flags ({@code NF_NAT_RANGE_*}). */
    int NAT_MAP_IPS = 0x1;
    int NAT_PROTO_SPECIFIED = 0x2;
    int NAT_PROTO_RANDOM = 0x4;
    int NAT_PERSISTENT = 0x8;
    int NAT_PROTO_RANDOM_FULLY = 0x10;

    /**
     * {@code masq}: source NAT to the address of the outgoing interface, ports from registers if given (0: none).
     * A missing maximum port register is the minimum's, as the kernel keeps it.
     */
    record Masq(int flags, int regProtoMin, int regProtoMax) implements NftExpr {
        public Masq {
            if (regProtoMin != 0 && regProtoMax == 0) {
                regProtoMax = regProtoMin;
            }
        }

        public static Masq plain() {
            return new Masq(0, 0, 0);
        }

        @Override
        public String name() {
            return "masq";
        }

        @Override
        public String toString() {
            return "[ masq" + (regProtoMin == 0 ? "" : " proto_min reg " + regProtoMin + " proto_max reg "
                    + regProtoMax) + (flags == 0 ? "" : " flags 0x" + Integer.toHexString(flags)) + " ]";
        }
    }

    /**
     * {@code nat snat|dnat FAMILY addr_min reg A addr_max reg A proto_min reg P proto_max reg P flags F}: source or
     * destination NAT to the address (and port) in registers (0: none). In the kernel's form: a missing maximum
     * register is the minimum's, an address register implies {@link #NAT_MAP_IPS} and a port register
     * {@link #NAT_PROTO_SPECIFIED}.
     */
    record Nat(Type type, NftFamily family, int regAddrMin, int regAddrMax, int regProtoMin, int regProtoMax,
            int flags) implements NftExpr {
        /** {@code NFT_NAT_SNAT}, {@code NFT_NAT_DNAT}. */
        public enum Type {
            SNAT, DNAT;

            public int code() {
                return ordinal();
            }

            public static Type of(int code) {
                return code >= 0 && code < values().length ? values()[code] : null;
            }
        }

        public Nat {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(family, "family");
            if (family != NftFamily.IP && family != NftFamily.IP6) {
                throw new IllegalArgumentException("NAT to an " + family + " address: ip or ip6 only");
            }
            if (regAddrMin != 0) {
                regAddrMax = regAddrMax == 0 ? regAddrMin : regAddrMax;
                flags |= NAT_MAP_IPS;
            }
            if (regProtoMin != 0) {
                regProtoMax = regProtoMax == 0 ? regProtoMin : regProtoMax;
                flags |= NAT_PROTO_SPECIFIED;
            }
        }

        @Override
        public String name() {
            return "nat";
        }

        @Override
        public String toString() {
            return "[ nat " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + family
                    + (regAddrMin == 0 ? "" : " addr_min reg " + regAddrMin + " addr_max reg " + regAddrMax)
                    + (regProtoMin == 0 ? "" : " proto_min reg " + regProtoMin + " proto_max reg " + regProtoMax)
                    + (flags == 0 ? "" : " flags 0x" + Integer.toHexString(flags)) + " ]";
        }
    }

    /**
     * {@code redir}: destination NAT to the receiving host itself, to the port in a register if given (0: none).
     * In the kernel's form: a missing maximum register is the minimum's and a port implies
     * {@link #NAT_PROTO_SPECIFIED}.
     */
    record Redir(int regProtoMin, int regProtoMax, int flags) implements NftExpr {
        public Redir {
            if (regProtoMin != 0) {
                regProtoMax = regProtoMax == 0 ? regProtoMin : regProtoMax;
                flags |= NAT_PROTO_SPECIFIED;
            }
        }

        public static Redir plain() {
            return new Redir(0, 0, 0);
        }

        @Override
        public String name() {
            return "redir";
        }

        @Override
        public String toString() {
            return "[ redir" + (regProtoMin == 0 ? "" : " proto_min reg " + regProtoMin + " proto_max reg "
                    + regProtoMax) + (flags == 0 ? "" : " flags 0x" + Integer.toHexString(flags)) + " ]";
        }
    }

    /**
     * An expression this library does not model (a set lookup, an xtables match of iptables-nft, ...), kept as
     * its name and the bytes of its {@code NFTA_EXPR_DATA}, so that it writes back as it was read.
     *
     * @param name the kernel's name of the expression
     * @param data its attributes, in hex
     */
    record Unknown(String name, String data) implements NftExpr {
        public Unknown {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return "[ " + name + " 0x" + data + " ]";
        }
    }
}
