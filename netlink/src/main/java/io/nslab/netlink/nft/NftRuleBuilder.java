package io.nslab.netlink.nft;

import io.nslab.netlink.IpPrefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a rule from the matches and statements of {@code nft}'s language, producing the expressions that
 * {@code nft} 1.0 sends for them, dependencies included ({@code tcp dport 22} first checks {@code meta l4proto tcp};
 * in an inet table {@code ip saddr} first checks {@code meta nfproto ipv4}), each dependency once per rule.
 * Unlike {@code nft}, it does not merge adjacent payload loads into one; the rule means the same.
 * Obtained from {@link NftRule#in(NftTable, String)}.
 */
public final class NftRuleBuilder {
    /** IP protocol numbers for {@link #sport}, {@link #dport} and {@link #l4proto}. */
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    private static final int REG = NftExpr.REG_1;

    private final NftTable table;
    private final String chain;
    private final List<NftExpr> expressions = new ArrayList<>();
    /** Dependencies already checked, so that a second match needs none: "nfproto 2", "l4proto 6". */
    private final Set<String> checked = new HashSet<>();

    NftRuleBuilder(NftTable table, String chain) {
        this.table = Objects.requireNonNull(table, "table");
        this.chain = chain;
    }

    /** {@code iifname "NAME"} */
    public NftRuleBuilder iifname(String name) {
        return ifname(NftExpr.Meta.Key.IIFNAME, NftExpr.Cmp.Op.EQ, name);
    }

    /** {@code iifname != "NAME"} */
    public NftRuleBuilder iifnameNot(String name) {
        return ifname(NftExpr.Meta.Key.IIFNAME, NftExpr.Cmp.Op.NEQ, name);
    }

    /** {@code oifname "NAME"} */
    public NftRuleBuilder oifname(String name) {
        return ifname(NftExpr.Meta.Key.OIFNAME, NftExpr.Cmp.Op.EQ, name);
    }

    /** {@code oifname != "NAME"} */
    public NftRuleBuilder oifnameNot(String name) {
        return ifname(NftExpr.Meta.Key.OIFNAME, NftExpr.Cmp.Op.NEQ, name);
    }

    /**
     * {@code iif INDEX} / {@code oif INDEX} (with {@code !=} when {@code negated}): the device by index, as {@code nft}
     * resolves {@code iif "eth0"} when it loads the rule.
     */
    public NftRuleBuilder ifindex(boolean input, boolean negated, int index) {
        expressions.add(new NftExpr.Meta(input ? NftExpr.Meta.Key.IIF : NftExpr.Meta.Key.OIF, REG));
        expressions.add(new NftExpr.Cmp(negated ? NftExpr.Cmp.Op.NEQ : NftExpr.Cmp.Op.EQ, REG, NftData.host32(index)));
        return this;
    }

    /** {@code ip protocol PROTO}: IPv4 packets of that protocol (in an inet table, {@code meta nfproto ipv4} first). */
    public NftRuleBuilder ipProtocol(int protocol) {
        return networkProtocol(NftFamily.IP, 9, protocol, "ip protocol");
    }

    /** {@code ip6 nexthdr PROTO}: IPv6 packets whose next header is that protocol. */
    public NftRuleBuilder ip6Nexthdr(int protocol) {
        return networkProtocol(NftFamily.IP6, 6, protocol, "ip6 nexthdr");
    }

    private NftRuleBuilder networkProtocol(NftFamily family, int offset, int protocol, String what) {
        if (table.family() == NftFamily.INET) {
            dependOnFamily(family);
        } else {
            requireFamily(family, what);
        }
        expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.NETWORK, offset, 1, REG));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.EQ, REG, NftData.u8(protocol)));
        checked.add("l4proto " + protocol); // nft takes the protocol as known: a port match adds no l4proto test
        return this;
    }

    /** {@code meta nfproto ipv4|ipv6}: meaningful in an inet table. */
    public NftRuleBuilder nfproto(NftFamily family) {
        if (family != NftFamily.IP && family != NftFamily.IP6) {
            throw new IllegalArgumentException("meta nfproto is ipv4 or ipv6, not " + family);
        }
        checked.add("nfproto " + family.code());
        return metaEquals(NftExpr.Meta.Key.NFPROTO, family.code());
    }

    /** {@code meta l4proto PROTO} */
    public NftRuleBuilder l4proto(int protocol) {
        checked.add("l4proto " + protocol);
        return metaEquals(NftExpr.Meta.Key.L4PROTO, protocol);
    }

    /** {@code ip saddr PREFIX} or {@code ip6 saddr PREFIX} */
    public NftRuleBuilder saddr(IpPrefix prefix) {
        return address(prefix, true, NftExpr.Cmp.Op.EQ);
    }

    /** {@code ip saddr != PREFIX} */
    public NftRuleBuilder saddrNot(IpPrefix prefix) {
        return address(prefix, true, NftExpr.Cmp.Op.NEQ);
    }

    /** {@code ip daddr PREFIX} or {@code ip6 daddr PREFIX} */
    public NftRuleBuilder daddr(IpPrefix prefix) {
        return address(prefix, false, NftExpr.Cmp.Op.EQ);
    }

    /** {@code ip daddr != PREFIX} */
    public NftRuleBuilder daddrNot(IpPrefix prefix) {
        return address(prefix, false, NftExpr.Cmp.Op.NEQ);
    }

    /** {@code tcp sport PORT} or {@code udp sport PORT} ({@link #TCP} or {@link #UDP}) */
    public NftRuleBuilder sport(int protocol, int port) {
        return port(protocol, 0, port);
    }

    /** {@code tcp dport PORT} or {@code udp dport PORT} */
    public NftRuleBuilder dport(int protocol, int port) {
        return port(protocol, 2, port);
    }

    /** {@code tcp sport FIRST-LAST} or {@code udp sport FIRST-LAST}: the ports from first to last, both included */
    public NftRuleBuilder sportRange(int protocol, int first, int last) {
        return portRange(protocol, 0, first, last);
    }

    /** {@code tcp dport FIRST-LAST} or {@code udp dport FIRST-LAST} */
    public NftRuleBuilder dportRange(int protocol, int first, int last) {
        return portRange(protocol, 2, first, last);
    }

    /** {@code icmp type TYPE}, e.g. 8 for echo-request; in an ip or inet table. */
    public NftRuleBuilder icmpType(int type) {
        if (table.family() == NftFamily.INET) {
            dependOnFamily(NftFamily.IP);
        } else {
            requireFamily(NftFamily.IP, "icmp type");
        }
        return icmpTypeOf(ICMP, type);
    }

    /** {@code icmpv6 type TYPE}, e.g. 128 for echo-request; in an ip6 or inet table. */
    public NftRuleBuilder icmpv6Type(int type) {
        if (table.family() == NftFamily.INET) {
            dependOnFamily(NftFamily.IP6);
        } else {
            requireFamily(NftFamily.IP6, "icmpv6 type");
        }
        return icmpTypeOf(ICMPV6, type);
    }

    /** {@code ct state STATE[,STATE...]}: the packet's connection is in any of these states. */
    public NftRuleBuilder ctState(CtState first, CtState... more) {
        int mask = CtState.mask(EnumSet.of(first, more));
        expressions.add(new NftExpr.Ct(NftExpr.Ct.Key.STATE, REG));
        expressions.add(new NftExpr.Bitwise(REG, REG, NftData.host32(mask), NftData.host32(0)));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.NEQ, REG, NftData.host32(0)));
        return this;
    }

    /**
     * {@code numgen random mod MODULUS lt BELOW}: true for a packet with probability {@code below / modulus}, each
     * packet drawn afresh. With {@code drop()} after it, a random loss of that fraction (no netem needed).
     */
    public NftRuleBuilder randomBelow(int modulus, int below) {
        return numgenBelow(NftExpr.Numgen.Type.RANDOM, modulus, 0, below);
    }

    /** {@code numgen random|inc mod MODULUS [offset OFFSET] lt BELOW}, as {@code nft} sends it. */
    public NftRuleBuilder numgenBelow(NftExpr.Numgen.Type type, int modulus, int offset, int below) {
        expressions.add(new NftExpr.Numgen(type, modulus, offset, REG));
        // numgen leaves host order; nft converts to network order and compares big-endian
        expressions.add(new NftExpr.Byteorder(REG, REG, NftExpr.Byteorder.Op.HTON, 4, 4));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.LT, REG, NftData.be32(below)));
        return this;
    }

    /** {@code counter} */
    public NftRuleBuilder counter() {
        expressions.add(NftExpr.Counter.zero());
        return this;
    }

    /** {@code accept} */
    public NftRuleBuilder accept() {
        return verdict(NftVerdict.accept());
    }

    /** {@code drop} */
    public NftRuleBuilder drop() {
        return verdict(NftVerdict.drop());
    }

    /** {@code jump CHAIN} */
    public NftRuleBuilder jump(String target) {
        return verdict(NftVerdict.jump(target));
    }

    /** {@code goto CHAIN} */
    public NftRuleBuilder goTo(String target) {
        return verdict(NftVerdict.goTo(target));
    }

    /** {@code return} */
    public NftRuleBuilder ret() {
        return verdict(NftVerdict.ret());
    }

    public NftRuleBuilder verdict(NftVerdict verdict) {
        expressions.add(new NftExpr.Verdict(verdict));
        return this;
    }

    /**
     * {@code reject}: port unreachable, in ICMP for an ip table, ICMPv6 for ip6, and the family-neutral ICMPX code
     * for inet, as {@code nft} chooses.
     */
    public NftRuleBuilder reject() {
        expressions.add(switch (table.family()) {
            case IP -> new NftExpr.Reject(NftExpr.Reject.Type.ICMP_UNREACH, NftExpr.Reject.ICMP_PORT_UNREACH);
            case IP6 -> new NftExpr.Reject(NftExpr.Reject.Type.ICMP_UNREACH, NftExpr.Reject.ICMPV6_PORT_UNREACH);
            // an inet rule that checked the network family already gets that family's own code, as nft gives it
            case INET, BRIDGE -> checked.contains("nfproto " + NftFamily.IP.code())
                    ? new NftExpr.Reject(NftExpr.Reject.Type.ICMP_UNREACH, NftExpr.Reject.ICMP_PORT_UNREACH)
                    : checked.contains("nfproto " + NftFamily.IP6.code())
                    ? new NftExpr.Reject(NftExpr.Reject.Type.ICMP_UNREACH, NftExpr.Reject.ICMPV6_PORT_UNREACH)
                    : new NftExpr.Reject(NftExpr.Reject.Type.ICMPX_UNREACH, NftExpr.Reject.ICMPX_PORT_UNREACH);
            case ARP, NETDEV -> throw new IllegalArgumentException("reject in an " + table.family() + " table");
        });
        return this;
    }

    /**
     * {@code reject with icmp type CODE} (ip table) or {@code reject with icmpv6 type CODE} (ip6 table): one of the
     * {@code NftExpr.Reject.ICMP_*} or {@code ICMPV6_*} codes.
     */
    public NftRuleBuilder rejectIcmp(int code) {
        if (table.family() != NftFamily.IP && table.family() != NftFamily.IP6) {
            throw new IllegalArgumentException("reject with icmp in an " + table.family()
                    + " table: use rejectIcmpx");
        }
        expressions.add(new NftExpr.Reject(NftExpr.Reject.Type.ICMP_UNREACH, code));
        return this;
    }

    /** {@code reject with icmpx type CODE}: one of the {@code NftExpr.Reject.ICMPX_*} codes. */
    public NftRuleBuilder rejectIcmpx(int code) {
        expressions.add(new NftExpr.Reject(NftExpr.Reject.Type.ICMPX_UNREACH, code));
        return this;
    }

    /** {@code reject with tcp reset}; checks {@code meta l4proto tcp} first (at the rule's head) unless the rule did. */
    public NftRuleBuilder rejectTcpReset() {
        if (checked.add("l4proto " + TCP)) {
            // nft puts this statement's dependency at the head of the rule, before every match
            expressions.add(0, new NftExpr.Meta(NftExpr.Meta.Key.L4PROTO, REG));
            expressions.add(1, new NftExpr.Cmp(NftExpr.Cmp.Op.EQ, REG, NftData.u8(TCP)));
        }
        expressions.add(new NftExpr.Reject(NftExpr.Reject.Type.TCP_RST, 0));
        return this;
    }

    /** {@code masquerade} */
    public NftRuleBuilder masquerade() {
        expressions.add(NftExpr.Masq.plain());
        return this;
    }

    /** {@code snat to ADDRESS} ({@code snat ip to ...} or {@code snat ip6 to ...} in an inet table) */
    public NftRuleBuilder snat(InetAddress address) {
        return nat(NftExpr.Nat.Type.SNAT, address, 0);
    }

    /** {@code snat to ADDRESS:PORT} */
    public NftRuleBuilder snat(InetAddress address, int port) {
        return nat(NftExpr.Nat.Type.SNAT, address, checkPort(port));
    }

    /** {@code dnat to ADDRESS} */
    public NftRuleBuilder dnat(InetAddress address) {
        return nat(NftExpr.Nat.Type.DNAT, address, 0);
    }

    /** {@code dnat to ADDRESS:PORT} */
    public NftRuleBuilder dnat(InetAddress address, int port) {
        return nat(NftExpr.Nat.Type.DNAT, address, checkPort(port));
    }

    /** {@code redirect} */
    public NftRuleBuilder redirect() {
        expressions.add(NftExpr.Redir.plain());
        return this;
    }

    /** {@code redirect to :PORT} */
    public NftRuleBuilder redirect(int port) {
        expressions.add(new NftExpr.Immediate(REG, NftData.be16(checkPort(port))));
        expressions.add(new NftExpr.Redir(REG, 0, 0));
        return this;
    }

    /** Appends an expression as it is, for what the methods above do not say. */
    public NftRuleBuilder expr(NftExpr expression) {
        expressions.add(Objects.requireNonNull(expression, "expression"));
        return this;
    }

    public NftRule build() {
        return new NftRule(table, chain, expressions);
    }

    private NftRuleBuilder ifname(NftExpr.Meta.Key key, NftExpr.Cmp.Op op, String name) {
        NftData value = NftData.ifname(name);
        expressions.add(new NftExpr.Meta(key, REG));
        expressions.add(new NftExpr.Cmp(op, REG, value));
        return this;
    }

    private NftRuleBuilder metaEquals(NftExpr.Meta.Key key, int value) {
        expressions.add(new NftExpr.Meta(key, REG));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.EQ, REG, NftData.u8(value)));
        return this;
    }

    /**
     * A prefix as {@code nft} matches it: a byte-aligned prefix loads and compares only its bytes; any other
     * (a /0 too) loads the whole address and masks it first.
     */
    private NftRuleBuilder address(IpPrefix prefix, boolean source, NftExpr.Cmp.Op op) {
        boolean v4 = prefix.address() instanceof Inet4Address;
        NftFamily family = v4 ? NftFamily.IP : NftFamily.IP6;
        if (table.family() == NftFamily.INET) {
            dependOnFamily(family);
        } else {
            requireFamily(family, (v4 ? "ip " : "ip6 ") + (source ? "saddr" : "daddr"));
        }
        int offset = v4 ? (source ? 12 : 16) : (source ? 8 : 24);
        byte[] address = prefix.address().getAddress();
        int length = prefix.length();
        if (length > 0 && length % 8 == 0) {
            expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.NETWORK, offset, length / 8, REG));
            expressions.add(new NftExpr.Cmp(op, REG, NftData.of(java.util.Arrays.copyOf(address, length / 8))));
        } else {
            byte[] mask = new byte[address.length];
            for (int bit = 0; bit < length; bit++) {
                mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            byte[] network = new byte[address.length];
            for (int i = 0; i < address.length; i++) {
                network[i] = (byte) (address[i] & mask[i]);
            }
            expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.NETWORK, offset, address.length, REG));
            expressions.add(new NftExpr.Bitwise(REG, REG, NftData.of(mask), NftData.of(new byte[address.length])));
            expressions.add(new NftExpr.Cmp(op, REG, NftData.of(network)));
        }
        return this;
    }

    private NftRuleBuilder port(int protocol, int offset, int port) {
        if (protocol != TCP && protocol != UDP) {
            throw new IllegalArgumentException("ports of protocol " + protocol + ": tcp (6) or udp (17) only");
        }
        dependOnProtocol(protocol);
        expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.TRANSPORT, offset, 2, REG));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.EQ, REG, NftData.be16(checkPort(port))));
        return this;
    }

    /** nft compares a range as two comparisons of the loaded port, in network order as the bytes compare. */
    private NftRuleBuilder portRange(int protocol, int offset, int first, int last) {
        if (protocol != TCP && protocol != UDP) {
            throw new IllegalArgumentException("ports of protocol " + protocol + ": tcp (6) or udp (17) only");
        }
        if (checkPort(first) >= checkPort(last)) {
            throw new IllegalArgumentException("port range " + first + "-" + last + " is empty or a single port");
        }
        dependOnProtocol(protocol);
        expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.TRANSPORT, offset, 2, REG));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.GTE, REG, NftData.be16(first)));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.LTE, REG, NftData.be16(last)));
        return this;
    }

    private NftRuleBuilder icmpTypeOf(int protocol, int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("ICMP type " + type);
        }
        dependOnProtocol(protocol);
        expressions.add(new NftExpr.Payload(NftExpr.Payload.Base.TRANSPORT, 0, 1, REG));
        expressions.add(new NftExpr.Cmp(NftExpr.Cmp.Op.EQ, REG, NftData.u8(type)));
        return this;
    }

    private NftRuleBuilder nat(NftExpr.Nat.Type type, InetAddress address, int port) {
        NftFamily family = address instanceof Inet6Address ? NftFamily.IP6 : NftFamily.IP;
        if (table.family() != NftFamily.INET) {
            requireFamily(family, type.name().toLowerCase(java.util.Locale.ROOT) + " to " + address.getHostAddress());
        }
        expressions.add(new NftExpr.Immediate(REG, NftData.address(address)));
        if (port != 0) {
            expressions.add(new NftExpr.Immediate(NftExpr.REG_2, NftData.be16(port)));
        }
        expressions.add(new NftExpr.Nat(type, family, REG, 0, port == 0 ? 0 : NftExpr.REG_2, 0, 0));
        return this;
    }

    private void dependOnFamily(NftFamily family) {
        if (checked.add("nfproto " + family.code())) {
            metaEquals(NftExpr.Meta.Key.NFPROTO, family.code());
        }
    }

    private void dependOnProtocol(int protocol) {
        if (checked.add("l4proto " + protocol)) {
            metaEquals(NftExpr.Meta.Key.L4PROTO, protocol);
        }
    }

    private void requireFamily(NftFamily family, String what) {
        if (table.family() != family) {
            throw new IllegalArgumentException(what + " in table " + table + ": needs an " + family
                    + " or inet table");
        }
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
        }
        return port;
    }
}
