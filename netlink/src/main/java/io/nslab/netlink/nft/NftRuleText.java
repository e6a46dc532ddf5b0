package io.nslab.netlink.nft;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * A rule in {@code nft}'s words, as {@code nft list ruleset} prints it: {@code iifname "eth0" ip saddr
 * 10.0.0.0/24 tcp dport 22 counter packets 0 bytes 0 accept}. It reads the expression patterns that
 * {@link NftRuleBuilder} (and {@code nft}) produce, hides the dependencies {@code nft} hides, and prints any other
 * expression in {@code nft --debug=netlink}'s form, such as {@code [ limit 0x... ]}. For reports: the status of a
 * ruleset read back from the kernel, the rule that dropped a packet.
 */
public final class NftRuleText {
    private final NftFamily tableFamily;
    private final List<NftExpr> e;
    private final List<String> words = new ArrayList<>();
    /** The network family a checked {@code meta nfproto} settled (inet tables), else the table's. */
    private NftFamily family;
    /** The layer-4 protocol a checked {@code meta l4proto} settled, or -1. */
    private int protocol = -1;

    /** Names of devices by index, for {@code iif}/{@code oif}; a number where it has none. */
    private final java.util.function.IntFunction<java.util.Optional<String>> ifnames;

    private NftRuleText(NftRule rule, java.util.function.IntFunction<java.util.Optional<String>> ifnames) {
        this.ifnames = ifnames;
        this.tableFamily = rule.table().family();
        this.family = tableFamily;
        this.e = rule.expressions();
    }

    /** The rule's statement as {@code nft list} shows it (without {@code add rule TABLE CHAIN}). */
    public static String of(NftRule rule) {
        return new NftRuleText(rule, index -> java.util.Optional.empty()).render();
    }

    /**
     * As {@link #of(NftRule)}, naming the devices of {@code iif}/{@code oif} matches as {@code nft} does, by their
     * name in the rule's namespace now ({@code ifnames}), or by number where none has that index.
     */
    public static String of(NftRule rule, java.util.function.IntFunction<java.util.Optional<String>> ifnames) {
        return new NftRuleText(rule, ifnames).render();
    }

    private String render() {
        int i = 0;
        while (i < e.size()) {
            int next = match(i);
            if (next == i) {
                words.add(e.get(i).toString());
                next = i + 1;
            }
            i = next;
        }
        return String.join(" ", words);
    }

    /** Reads the pattern starting at {@code i}; returns the index after it, or {@code i} if none matched. */
    private int match(int i) {
        NftExpr first = e.get(i);
        return switch (first) {
            case NftExpr.Meta m -> meta(i, m);
            case NftExpr.Payload p -> payload(i, p);
            case NftExpr.Ct c -> ctState(i, c);
            case NftExpr.Counter c -> {
                words.add("counter packets " + c.packets() + " bytes " + c.bytes());
                yield i + 1;
            }
            case NftExpr.Verdict v -> {
                words.add(v.verdict().toString());
                yield i + 1;
            }
            case NftExpr.Reject r -> {
                words.add(reject(r));
                yield i + 1;
            }
            case NftExpr.Masq m -> {
                if (!m.equals(NftExpr.Masq.plain())) {
                    yield i;
                }
                words.add("masquerade");
                yield i + 1;
            }
            case NftExpr.Redir r -> {
                if (!r.equals(NftExpr.Redir.plain())) {
                    yield i;
                }
                words.add("redirect");
                yield i + 1;
            }
            case NftExpr.Immediate im -> immediate(i, im);
            case NftExpr.Numgen n -> numgen(i, n);
            case NftExpr.Byteorder o -> i;
            case NftExpr.Cmp c -> i;
            case NftExpr.Bitwise b -> i;
            case NftExpr.Nat n -> i;
            case NftExpr.Unknown u -> i;
        };
    }

    /** {@code numgen random mod 100 < 30}: numgen, byteorder hton of its 4 bytes, cmp against a big-endian value. */
    private int numgen(int i, NftExpr.Numgen n) {
        if (i + 2 >= e.size() || !(e.get(i + 1) instanceof NftExpr.Byteorder o) || o.sreg() != n.dreg()
                || o.op() != NftExpr.Byteorder.Op.HTON || o.length() != 4 || o.size() != 4) {
            return i;
        }
        NftExpr.Cmp cmp = cmpAt(i + 2, o.dreg());
        if (cmp == null || cmp.data().length() != 4) {
            return i;
        }
        String op = switch (cmp.op()) {
            case EQ -> "";
            case NEQ -> "!= ";
            case LT -> "< ";
            case LTE -> "<= ";
            case GT -> "> ";
            case GTE -> ">= ";
        };
        long value = java.nio.ByteBuffer.wrap(cmp.data().bytes()).getInt() & 0xffffffffL;
        words.add("numgen " + n.type().keyword() + " mod " + n.modulus() + (n.offset() == 0 ? "" : " offset " + n.offset())
                + " " + op + value);
        return i + 3;
    }

    private int meta(int i, NftExpr.Meta m) {
        NftExpr.Cmp cmp = cmpAt(i + 1, m.dreg());
        if (cmp == null || (cmp.op() != NftExpr.Cmp.Op.EQ && cmp.op() != NftExpr.Cmp.Op.NEQ)) {
            return i;
        }
        String not = cmp.op() == NftExpr.Cmp.Op.NEQ ? "!= " : "";
        byte[] value = cmp.data().bytes();
        switch (m.key()) {
            case IIFNAME, OIFNAME -> {
                int end = 0;
                while (end < value.length && value[end] != 0) {
                    end++;
                }
                String key = m.key() == NftExpr.Meta.Key.IIFNAME ? "iifname " : "oifname ";
                words.add(key + not + "\"" + new String(value, 0, end, java.nio.charset.StandardCharsets.UTF_8)
                        + "\"");
                return i + 2;
            }
            case IIF, OIF -> {
                if (value.length != 4) {
                    return i;
                }
                int index = java.nio.ByteBuffer.wrap(value).order(java.nio.ByteOrder.nativeOrder()).getInt();
                words.add((m.key() == NftExpr.Meta.Key.IIF ? "iif " : "oif ") + not
                        + ifnames.apply(index).map(n -> "\"" + n + "\"").orElse(Integer.toString(index)));
                return i + 2;
            }
            case L4PROTO -> {
                if (value.length != 1) {
                    return i;
                }
                int proto = Byte.toUnsignedInt(value[0]);
                if (not.isEmpty() && (hidesAsDependency(i + 2, proto) || i == 0 && headOfTcpReset(proto))) {
                    protocol = proto;
                    return i + 2;
                }
                words.add("meta l4proto " + not + NftSymbols.name(NftSymbols.PROTOCOLS, proto));
                return i + 2;
            }
            case NFPROTO -> {
                if (value.length != 1 || (value[0] != NftFamily.IP.code() && value[0] != NftFamily.IP6.code())) {
                    return i;
                }
                NftFamily f = NftFamily.of(value[0]);
                if (not.isEmpty() && tableFamily == NftFamily.INET && nfprotoIsDependency(i + 2)) {
                    family = f;
                    return i + 2;
                }
                words.add("meta nfproto " + not + (f == NftFamily.IP ? "ipv4" : "ipv6"));
                return i + 2;
            }
            default -> {
                return i;
            }
        }
    }

    /** nft hides {@code meta l4proto P} before a match on P's header, or before {@code reject with tcp reset}. */
    private boolean hidesAsDependency(int next, int proto) {
        if (next >= e.size()) {
            return false;
        }
        NftExpr x = e.get(next);
        if (x instanceof NftExpr.Payload p && p.base() == NftExpr.Payload.Base.TRANSPORT) {
            return proto == NftRuleBuilder.TCP || proto == NftRuleBuilder.UDP
                    || proto == NftRuleBuilder.ICMP || proto == NftRuleBuilder.ICMPV6;
        }
        // nft 1.0 lists the test before a tcp reset in an inet table (meta l4proto tcp reject with tcp reset)
        return proto == NftRuleBuilder.TCP && x instanceof NftExpr.Reject r && r.type() == NftExpr.Reject.Type.TCP_RST
                && tableFamily != NftFamily.INET;
    }

    /** nft hides the test it put at the head of a rule for its {@code reject with tcp reset}, except in inet tables. */
    private boolean headOfTcpReset(int proto) {
        return proto == NftRuleBuilder.TCP && tableFamily != NftFamily.INET
                && e.stream().anyMatch(x -> x instanceof NftExpr.Reject r && r.type() == NftExpr.Reject.Type.TCP_RST);
    }

    /** In an inet table, nft hides {@code meta nfproto} before an address match or an ICMP protocol check. */
    private boolean nfprotoIsDependency(int next) {
        if (next >= e.size()) {
            return false;
        }
        NftExpr x = e.get(next);
        if (x instanceof NftExpr.Payload p) {
            return p.base() == NftExpr.Payload.Base.NETWORK;
        }
        if (x instanceof NftExpr.Meta m && m.key() == NftExpr.Meta.Key.L4PROTO) {
            NftExpr.Cmp cmp = cmpAt(next + 1, m.dreg());
            byte[] v = cmp == null ? new byte[0] : cmp.data().bytes();
            return v.length == 1 && (v[0] == NftRuleBuilder.ICMP || v[0] == NftRuleBuilder.ICMPV6)
                    && hidesAsDependency(next + 2, v[0]);
        }
        return false;
    }

    private int payload(int i, NftExpr.Payload p) {
        if (p.base() == NftExpr.Payload.Base.NETWORK) {
            return address(i, p);
        }
        if (p.base() != NftExpr.Payload.Base.TRANSPORT) {
            return i;
        }
        NftExpr.Cmp cmp = cmpAt(i + 1, p.dreg());
        if (cmp == null) {
            return i;
        }
        boolean icmp = protocol == NftRuleBuilder.ICMP || protocol == NftRuleBuilder.ICMPV6;
        if (icmp && p.offset() == 0 && p.length() == 1 && cmp.op() == NftExpr.Cmp.Op.EQ) {
            int type = Byte.toUnsignedInt(cmp.data().bytes()[0]);
            words.add(protocol == NftRuleBuilder.ICMP ? "icmp type " + NftSymbols.name(NftSymbols.ICMP_TYPES, type)
                    : "icmpv6 type " + NftSymbols.name(NftSymbols.ICMPV6_TYPES, type));
            return i + 2;
        }
        boolean ports = protocol == NftRuleBuilder.TCP || protocol == NftRuleBuilder.UDP;
        if (!ports || p.length() != 2 || (p.offset() != 0 && p.offset() != 2) || cmp.data().length() != 2) {
            return i;
        }
        String key = (protocol == NftRuleBuilder.TCP ? "tcp " : "udp ") + (p.offset() == 0 ? "sport " : "dport ");
        NftExpr.Cmp upper = cmpAt(i + 2, p.dreg());
        if (cmp.op() == NftExpr.Cmp.Op.GTE && upper != null && upper.op() == NftExpr.Cmp.Op.LTE) {
            words.add(key + port(cmp.data()) + "-" + port(upper.data()));
            return i + 3;
        }
        if (cmp.op() != NftExpr.Cmp.Op.EQ && cmp.op() != NftExpr.Cmp.Op.NEQ) {
            return i;
        }
        words.add(key + (cmp.op() == NftExpr.Cmp.Op.NEQ ? "!= " : "") + port(cmp.data()));
        return i + 2;
    }

    private int address(int i, NftExpr.Payload p) {
        if (family != NftFamily.IP && family != NftFamily.IP6) {
            return i;
        }
        boolean v4 = family == NftFamily.IP;
        if (p.length() == 1 && p.offset() == (v4 ? 9 : 6)) {
            NftExpr.Cmp cmp = cmpAt(i + 1, p.dreg());
            if (cmp == null || cmp.op() != NftExpr.Cmp.Op.EQ || cmp.data().length() != 1) {
                return i;
            }
            int proto = Byte.toUnsignedInt(cmp.data().bytes()[0]);
            protocol = proto; // nft takes the transport protocol as known from here on
            boolean implied = family == tableFamily && hidesAsDependency(i + 2, proto);
            if (!implied) {
                words.add((v4 ? "ip protocol " : "ip6 nexthdr ") + NftSymbols.name(NftSymbols.PROTOCOLS, proto));
            }
            return i + 2;
        }
        int full = v4 ? 4 : 16;
        String key = v4 ? (p.offset() == 12 ? "ip saddr " : p.offset() == 16 ? "ip daddr " : null)
                : (p.offset() == 8 ? "ip6 saddr " : p.offset() == 24 ? "ip6 daddr " : null);
        if (key == null || p.length() > full) {
            return i;
        }
        int at = i + 1;
        int prefix = p.length() * 8;
        if (at < e.size() && e.get(at) instanceof NftExpr.Bitwise b && b.sreg() == p.dreg()
                && b.mask().length() == p.length() && isZero(b.xor().bytes())) {
            prefix = prefixLength(b.mask().bytes());
            if (prefix < 0) {
                return i;
            }
            at++;
        }
        NftExpr.Cmp cmp = cmpAt(at, p.dreg());
        if (cmp == null || (cmp.op() != NftExpr.Cmp.Op.EQ && cmp.op() != NftExpr.Cmp.Op.NEQ)
                || cmp.data().length() != p.length()) {
            return i;
        }
        String text = addressText(Arrays.copyOf(cmp.data().bytes(), full));
        words.add(key + (cmp.op() == NftExpr.Cmp.Op.NEQ ? "!= " : "") + text
                + (prefix == full * 8 ? "" : "/" + prefix));
        return at + 1;
    }

    private int ctState(int i, NftExpr.Ct c) {
        if (c.key() != NftExpr.Ct.Key.STATE || i + 2 >= e.size()
                || !(e.get(i + 1) instanceof NftExpr.Bitwise b) || b.mask().length() != 4
                || !isZero(b.xor().bytes())) {
            return i;
        }
        NftExpr.Cmp cmp = cmpAt(i + 2, b.dreg());
        if (cmp == null || cmp.op() != NftExpr.Cmp.Op.NEQ || !isZero(cmp.data().bytes())) {
            return i;
        }
        int mask = java.nio.ByteBuffer.wrap(b.mask().bytes()).order(java.nio.ByteOrder.nativeOrder()).getInt();
        StringJoiner states = new StringJoiner(",");
        for (CtState s : CtState.values()) {
            if ((mask & s.bit()) != 0) {
                states.add(s.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (mask != CtState.mask(CtState.of(mask)) || mask == 0) {
            return i;
        }
        words.add("ct state " + states);
        return i + 3;
    }

    /** {@code immediate} loads that feed a NAT or redirect statement. */
    private int immediate(int i, NftExpr.Immediate im) {
        // up to three registers loaded for a NAT: the address (or a range's two ends), then the port
        List<NftExpr.Immediate> loaded = new ArrayList<>(List.of(im));
        int at = i + 1;
        while (at < e.size() && loaded.size() < 3 && e.get(at) instanceof NftExpr.Immediate more) {
            loaded.add(more);
            at++;
        }
        if (at >= e.size()) {
            return i;
        }
        if (e.get(at) instanceof NftExpr.Redir r && loaded.size() == 1 && r.regProtoMin() == im.dreg()
                && r.regProtoMax() == im.dreg() && im.data().length() == 2
                && r.flags() == NftExpr.NAT_PROTO_SPECIFIED) {
            words.add("redirect to :" + port(im.data()));
            return at + 1;
        }
        if (!(e.get(at) instanceof NftExpr.Nat n) || n.regAddrMin() != im.dreg()) {
            return i;
        }
        int size = n.family() == NftFamily.IP ? 4 : 16;
        NftExpr.Immediate max = null;
        NftExpr.Immediate port = null;
        for (NftExpr.Immediate x : loaded.subList(1, loaded.size())) {
            if (x.dreg() == n.regAddrMax() && n.regAddrMax() != n.regAddrMin() && max == null && x.data().length() == size) {
                max = x;
            } else if (x.dreg() == n.regProtoMin() && port == null && x.data().length() == 2) {
                port = x;
            } else {
                return i;
            }
        }
        if ((n.regAddrMax() != n.regAddrMin()) != (max != null)) {
            return i;
        }
        int portReg = port == null ? 0 : port.dreg();
        if (n.regProtoMin() != portReg || n.regProtoMax() != portReg) {
            return i;
        }
        int expected = NftExpr.NAT_MAP_IPS | (port == null ? 0 : NftExpr.NAT_PROTO_SPECIFIED);
        if (n.flags() != expected || im.data().length() != size) {
            return i;
        }
        String address = addressText(im.data().bytes()) + (max == null ? "" : "-" + addressText(max.data().bytes()));
        String to = port == null ? address
                : (n.family() == NftFamily.IP6 ? "[" + address + "]" : address) + ":" + port(port.data());
        String type = n.type() == NftExpr.Nat.Type.SNAT ? "snat " : "dnat ";
        String familyWord = tableFamily == NftFamily.INET ? (n.family() == NftFamily.IP ? "ip " : "ip6 ") : "";
        words.add(type + familyWord + "to " + to);
        return at + 1;
    }

    private String reject(NftExpr.Reject r) {
        return switch (r.type()) {
            case TCP_RST -> "reject with tcp reset";
            case ICMPX_UNREACH -> r.icmpCode() == NftExpr.Reject.ICMPX_PORT_UNREACH
                    && (tableFamily == NftFamily.INET || tableFamily == NftFamily.BRIDGE) ? "reject"
                    : "reject with icmpx " + NftSymbols.name(NftSymbols.ICMPX_REJECT, r.icmpCode());
            case ICMP_UNREACH -> {
                // in an inet table a checked meta nfproto settles the dialect, as the table's family does elsewhere
                boolean v6 = family == NftFamily.IP6;
                int portUnreach = v6 ? NftExpr.Reject.ICMPV6_PORT_UNREACH : NftExpr.Reject.ICMP_PORT_UNREACH;
                if (r.icmpCode() == portUnreach && tableFamily != NftFamily.INET) {
                    yield "reject";
                }
                yield v6 ? "reject with icmpv6 " + NftSymbols.name(NftSymbols.ICMPV6_REJECT, r.icmpCode())
                        : "reject with icmp " + NftSymbols.name(NftSymbols.ICMP_REJECT, r.icmpCode());
            }
        };
    }

    private NftExpr.Cmp cmpAt(int index, int reg) {
        return index < e.size() && e.get(index) instanceof NftExpr.Cmp c && c.sreg() == reg ? c : null;
    }

    private static int port(NftData data) {
        byte[] b = data.bytes();
        return (Byte.toUnsignedInt(b[0]) << 8) | Byte.toUnsignedInt(b[1]);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The length of a mask of leading ones, or -1 when it is not one. */
    private static int prefixLength(byte[] mask) {
        int length = 0;
        boolean ended = false;
        for (byte b : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (b >> bit & 1) == 1;
                if (one && ended) {
                    return -1;
                }
                if (one) {
                    length++;
                } else {
                    ended = true;
                }
            }
        }
        return length;
    }

    /** An address as nft prints it: dotted IPv4, or IPv6 with the longest run of zero groups as {@code ::}. */
    static String addressText(byte[] address) {
        try {
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (Byte.toUnsignedInt(address[2 * g]) << 8) | Byte.toUnsignedInt(address[2 * g + 1]);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int g = 0; g < 8; g++) {
            int length = 0;
            while (g + length < 8 && groups[g + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = g;
                bestLength = length;
            }
            g += length;
        }
        StringBuilder s = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                s.append("::");
                g += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[g]));
        }
        return s.toString();
    }
}
