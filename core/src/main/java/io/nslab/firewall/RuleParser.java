package io.nslab.firewall;

import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a rule in nft's own syntax ({@code ip saddr 10.10.10.0/24 tcp dport { 80, 443 } counter accept}), the
 * text {@code nft list ruleset} prints, plus three short words for the common conditions: {@code in IF},
 * {@code out IF} and {@code from PREFIX}. The verdict may come first ({@code masquerade out eth0}). Checks what
 * nft would refuse in a table of the given family.
 */
public final class RuleParser {
    private final TableFamily family;
    private RuleTokens in;

    private RuleParser(TableFamily family) {
        this.family = family;
    }

    public static Rule parse(String text, TableFamily family) throws RuleSyntaxException {
        RuleParser p = new RuleParser(family);
        p.in = new RuleTokens(text);
        return p.rule(text);
    }

    private Rule rule(String text) throws RuleSyntaxException {
        List<Match> matches = new ArrayList<>();
        boolean counter = false;
        Verdict verdict = null;
        int verdictAt = -1;
        if (in.done()) {
            throw new RuleSyntaxException(0, "an empty rule; write conditions and a verdict, like \"tcp dport 22 accept\"");
        }
        while (!in.done()) {
            RuleTokens.Token t = in.take("a condition");
            if (t.quoted()) {
                throw new RuleSyntaxException(t.offset(), "unexpected \"" + t.text() + "\"; a quoted name belongs after iifname or oifname");
            }
            switch (t.text()) {
                case "counter" -> {
                    counter = true;
                    if (in.accept("packets")) { // as nft lists it: counter packets N bytes M
                        number(in.take("a packet count"), "packets", Long.MAX_VALUE);
                        expect("bytes");
                        number(in.take("a byte count"), "bytes", Long.MAX_VALUE);
                    }
                }
                case "iifname", "iif", "in" -> matches.add(iface(true, t.text().equals("iif")));
                case "oifname", "oif", "out" -> matches.add(iface(false, t.text().equals("oif")));
                case "ip", "ip6" -> matches.add(ipMatch(t));
                case "from" -> matches.add(address(t, true, t.text().equals("ip6")));
                case "meta" -> {
                    RuleTokens.Token k = in.take("l4proto");
                    if (!k.text().equals("l4proto")) {
                        throw new RuleSyntaxException(k.offset(), "meta " + k.text() + " is not supported; meta l4proto PROTOCOL is");
                    }
                    matches.add(Match.Protocol.meta(protocol(in.take("a protocol"))));
                }
                case "tcp", "udp" -> matches.add(portMatch(t));
                case "icmp", "icmpv6" -> matches.add(icmpMatch(t));
                case "ct" -> matches.add(ctState());
                default -> {
                    Optional<Verdict> v = verdict(t);
                    if (v.isEmpty()) {
                        throw new RuleSyntaxException(t.offset(), "unknown word \"" + t.text() + "\" in a rule; expected a condition (iifname, "
                                + "oifname, ip saddr, ip daddr, tcp dport, udp dport, icmp type, ct state, ...) or a verdict (accept, drop, "
                                + "reject, jump, goto, return, masquerade, snat, dnat, redirect)");
                    }
                    if (verdict != null) {
                        throw new RuleSyntaxException(t.offset(), "a rule has one verdict; this one already has "
                                + verdict.text(family) + " (at column offset " + verdictAt + ")");
                    }
                    verdict = v.get();
                    verdictAt = t.offset();
                }
            }
        }
        Rule r = new Rule(matches, counter, Optional.ofNullable(verdict));
        check(r, text);
        return r;
    }

    private void expect(String word) throws RuleSyntaxException {
        RuleTokens.Token t = in.take(word);
        if (!t.text().equals(word)) {
            throw new RuleSyntaxException(t.offset(), "expected " + word + ", not \"" + t.text() + "\"");
        }
    }

    private Match iface(boolean input, boolean byIndex) throws RuleSyntaxException {
        boolean neg = in.accept("!=");
        RuleTokens.Token n = in.take("an interface name");
        if (n.text().isEmpty() || n.text().length() > 15 || n.text().contains("/") || n.text().chars().anyMatch(Character::isWhitespace)) {
            throw new RuleSyntaxException(n.offset(), "\"" + n.text() + "\" is not an interface name (1 to 15 characters, no '/' or spaces)");
        }
        return new Match.Interface(input, n.text(), neg, byIndex);
    }

    private Match ipMatch(RuleTokens.Token ip) throws RuleSyntaxException {
        boolean v6 = ip.text().equals("ip6");
        RuleTokens.Token k = in.take("saddr or daddr");
        return switch (k.text()) {
            case "saddr" -> address(ip, true, v6);
            case "daddr" -> address(ip, false, v6);
            case "protocol", "nexthdr" -> {
                if (family == TableFamily.IP6 && !v6 || family == TableFamily.IP && v6) {
                    throw new RuleSyntaxException(ip.offset(), familyMismatch(!v6));
                }
                if (v6 != k.text().equals("nexthdr")) {
                    throw new RuleSyntaxException(k.offset(), v6 ? "IPv6 names the protocol ip6 nexthdr" : "IPv4 names the protocol ip protocol");
                }
                yield new Match.Protocol(protocol(in.take("a protocol")), v6 ? Match.Protocol.Field.IP6 : Match.Protocol.Field.IP);
            }
            default -> throw new RuleSyntaxException(k.offset(), ip.text() + " " + k.text() + " is not supported; "
                    + ip.text() + " saddr, " + ip.text() + " daddr and " + ip.text() + (v6 ? " nexthdr" : " protocol") + " are");
        };
    }

    private Match address(RuleTokens.Token at, boolean source, boolean v6Given) throws RuleSyntaxException {
        boolean neg = in.accept("!=");
        RuleTokens.Token a = in.take("an address or prefix");
        IpPrefix p;
        try {
            p = IpPrefix.parse(a.text());
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(a.offset(), "\"" + a.text() + "\" is not an address or prefix: " + e.getMessage());
        }
        boolean v4 = p.address().isV4();
        if (!at.text().equals("from") && v4 == v6Given) {
            throw new RuleSyntaxException(a.offset(), a.text() + " is an IPv" + (v4 ? "4" : "6") + " prefix; write "
                    + (v4 ? "ip " : "ip6 ") + (source ? "saddr" : "daddr"));
        }
        if (!family.sees(v4)) {
            throw new RuleSyntaxException(a.offset(), familyMismatch(v4));
        }
        if (p.hasHostBits()) {
            throw new RuleSyntaxException(a.offset(), a.text() + " has host bits set; write the network, " + p.network());
        }
        return new Match.Address(source, p, neg);
    }

    private String familyMismatch(boolean v4) {
        return "a table of family " + family.word() + " sees no IPv" + (v4 ? "4" : "6") + " packets; use an "
                + (v4 ? "ip" : "ip6") + " or inet table";
    }

    private L4Proto protocol(RuleTokens.Token t) throws RuleSyntaxException {
        L4Proto p = (t.text().equals("ipv6-icmp") ? java.util.Optional.of(L4Proto.ICMPV6) : L4Proto.of(t.text())).orElseThrow(() -> new RuleSyntaxException(t.offset(),
                "unknown protocol \"" + t.text() + "\"; tcp, udp, icmp and icmpv6 are known"));
        checkProtocolFamily(t, p);
        return p;
    }

    private void checkProtocolFamily(RuleTokens.Token t, L4Proto p) throws RuleSyntaxException {
        if (p == L4Proto.ICMP && family == TableFamily.IP6 || p == L4Proto.ICMPV6 && family == TableFamily.IP) {
            throw new RuleSyntaxException(t.offset(), familyMismatch(p == L4Proto.ICMP));
        }
    }

    private Match portMatch(RuleTokens.Token proto) throws RuleSyntaxException {
        L4Proto p = L4Proto.of(proto.text()).orElseThrow();
        boolean source;
        if (in.accept("sport")) {
            source = true;
        } else if (in.accept("dport")) {
            source = false;
        } else {
            return Match.Protocol.meta(p);
        }
        List<PortRange> ports = new ArrayList<>();
        for (RuleTokens.Token t : in.list("a port")) {
            ports.add(port(t));
        }
        return new Match.Port(p, source, ports);
    }

    private PortRange port(RuleTokens.Token t) throws RuleSyntaxException {
        String s = t.text();
        int dash = s.indexOf('-');
        try {
            if (dash > 0) {
                return new PortRange(portNumber(t, s.substring(0, dash)), portNumber(t, s.substring(dash + 1)));
            }
            return PortRange.of(portNumber(t, s));
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(t.offset(), e.getMessage());
        }
    }

    private static int portNumber(RuleTokens.Token t, String s) throws RuleSyntaxException {
        return (int) number(new RuleTokens.Token(s, t.offset(), false), "port", 65535);
    }

    private static long number(RuleTokens.Token t, String what, long max) throws RuleSyntaxException {
        if (!t.text().matches("[0-9]{1,19}")) {
            throw new RuleSyntaxException(t.offset(), what + " must be a number, not \"" + t.text() + "\"");
        }
        try {
            long v = Long.parseLong(t.text());
            if (v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new RuleSyntaxException(t.offset(), what + " " + t.text() + " is out of range 0.." + max);
        }
    }

    private Match icmpMatch(RuleTokens.Token proto) throws RuleSyntaxException {
        boolean v6 = proto.text().equals("icmpv6");
        L4Proto p = v6 ? L4Proto.ICMPV6 : L4Proto.ICMP;
        checkProtocolFamily(proto, p);
        if (!in.accept("type")) {
            return Match.Protocol.meta(p);
        }
        Set<IcmpType> types = EnumSet.noneOf(IcmpType.class);
        for (RuleTokens.Token t : in.list("an ICMP type")) {
            types.add(IcmpType.of(v6, t.text()).orElseThrow(() -> new RuleSyntaxException(t.offset(), "unknown " + proto.text()
                    + " type \"" + t.text() + "\"; known: " + String.join(", ", java.util.Arrays.stream(IcmpType.values())
                    .filter(x -> x.v6() == v6).map(IcmpType::word).toList()))));
        }
        return new Match.Icmp(v6, types);
    }

    private Match ctState() throws RuleSyntaxException {
        RuleTokens.Token k = in.take("state");
        if (!k.text().equals("state")) {
            throw new RuleSyntaxException(k.offset(), "ct " + k.text() + " is not supported; ct state is");
        }
        Set<ConnState> states = EnumSet.noneOf(ConnState.class);
        for (RuleTokens.Token t : in.list("a state")) {
            states.add(ConnState.of(t.text()).orElseThrow(() -> new RuleSyntaxException(t.offset(),
                    "unknown ct state \"" + t.text() + "\"; known: new, established, related, invalid, untracked")));
        }
        return new Match.CtState(states);
    }

    private Optional<Verdict> verdict(RuleTokens.Token t) throws RuleSyntaxException {
        return Optional.ofNullable(switch (t.text()) {
            case "accept" -> new Verdict.Accept();
            case "drop" -> new Verdict.Drop();
            case "return" -> new Verdict.Return();
            case "jump" -> new Verdict.Jump(chainName(in.take("a chain name")));
            case "goto" -> new Verdict.Goto(chainName(in.take("a chain name")));
            case "reject" -> reject();
            case "masquerade" -> new Verdict.Masquerade();
            case "snat", "dnat" -> nat(t);
            case "redirect" -> {
                if (in.accept("to")) {
                    RuleTokens.Token p = in.take(":PORT");
                    if (!p.text().startsWith(":")) {
                        throw new RuleSyntaxException(p.offset(), "redirect to takes :PORT, not \"" + p.text() + "\"");
                    }
                    yield new Verdict.Redirect(OptionalInt.of(portNumber(p, p.text().substring(1))));
                }
                yield new Verdict.Redirect(OptionalInt.empty());
            }
            default -> null;
        });
    }

    static String chainName(RuleTokens.Token t) throws RuleSyntaxException {
        if (!t.text().matches("[A-Za-z][A-Za-z0-9_.-]{0,255}")) {
            throw new RuleSyntaxException(t.offset(), "\"" + t.text() + "\" is not a chain name (a letter, then letters, digits, _ . -)");
        }
        return t.text();
    }

    private Verdict reject() throws RuleSyntaxException {
        if (!in.accept("with")) {
            return Verdict.Reject.with(RejectCode.PORT_UNREACHABLE);
        }
        RuleTokens.Token d = in.take("icmp, icmpv6, icmpx or tcp");
        if (d.text().equals("tcp")) {
            expect("reset");
            return Verdict.Reject.tcpReset();
        }
        String dialect = RejectCode.dialect(family);
        if (family == TableFamily.INET && (d.text().equals("icmp") || d.text().equals("icmpv6"))) {
            // nft lists a plain reject of an inet rule that settled the family so: the same port unreachable
            in.accept("type");
            RuleTokens.Token c = in.take("a reject code");
            if (!c.text().equals("port-unreachable")) {
                throw new RuleSyntaxException(c.offset(), "a table of family inet rejects with icmpx codes; \"" + d.text()
                        + " " + c.text() + "\" is not one (write reject with icmpx " + c.text() + ")");
            }
            return Verdict.Reject.with(RejectCode.PORT_UNREACHABLE);
        }
        if (!d.text().equals(dialect)) {
            throw new RuleSyntaxException(d.offset(), "a table of family " + family.word() + " rejects with " + dialect
                    + " (or tcp reset), not " + d.text());
        }
        in.accept("type");
        RuleTokens.Token c = in.take("a reject code");
        RejectCode code = RejectCode.of(c.text()).filter(x -> x.allowedIn(family)).orElseThrow(() -> new RuleSyntaxException(c.offset(),
                "unknown " + dialect + " reject code \"" + c.text() + "\"; known: " + String.join(", ", java.util.Arrays.stream(RejectCode.values())
                        .filter(x -> x.allowedIn(family)).map(RejectCode::word).toList())));
        return Verdict.Reject.with(code);
    }

    private Verdict nat(RuleTokens.Token verb) throws RuleSyntaxException {
        boolean snat = verb.text().equals("snat");
        RuleTokens.Token first = in.peek();
        boolean saidFamily = in.accept("ip") || in.accept("ip6");
        if (saidFamily && family != TableFamily.INET) {
            throw new RuleSyntaxException(first.offset(), "a table of family " + family.word() + " writes " + verb.text()
                    + " to ADDRESS, without " + first.text());
        }
        expect("to");
        RuleTokens.Token t = in.take("an address");
        String s = t.text();
        OptionalInt port = OptionalInt.empty();
        String addr = s;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new RuleSyntaxException(t.offset(), "missing ] in " + s);
            }
            addr = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') {
                    throw new RuleSyntaxException(t.offset() + close + 1, "expected :PORT after ]");
                }
                port = OptionalInt.of(portNumber(t, s.substring(close + 2)));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            addr = s.substring(0, s.indexOf(':'));
            port = OptionalInt.of(portNumber(t, s.substring(s.indexOf(':') + 1)));
        }
        IpAddress from;
        Optional<IpAddress> to = Optional.empty();
        try {
            int dash = addr.indexOf('-');
            if (dash > 0 && snat) {
                from = IpAddress.parse(addr.substring(0, dash));
                to = Optional.of(IpAddress.parse(addr.substring(dash + 1)));
            } else {
                from = IpAddress.parse(addr);
            }
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(t.offset(), "\"" + addr + "\" is not an address: " + e.getMessage());
        }
        if (!family.sees(from.isV4()) || to.isPresent() && to.get().isV4() != from.isV4()) {
            throw new RuleSyntaxException(t.offset(), familyMismatch(from.isV4()));
        }
        return snat ? new Verdict.Snat(from, to, port) : new Verdict.Dnat(from, port);
    }

    /** What nft refuses about a rule as a whole. */
    private void check(Rule r, String text) throws RuleSyntaxException {
        List<L4Proto> implied = r.impliedProtocols();
        if (implied.stream().distinct().count() > 1) {
            throw new RuleSyntaxException(0, "the rule tests two protocols (" + String.join(" and ", implied.stream().distinct()
                    .map(L4Proto::word).toList()) + "); a packet has one, so it could never match");
        }
        boolean portNat = r.verdict().map(v -> v instanceof Verdict.Dnat d && d.port().isPresent()
                || v instanceof Verdict.Snat s && s.port().isPresent() || v instanceof Verdict.Redirect x && x.port().isPresent()).orElse(false);
        if (portNat && implied.stream().noneMatch(L4Proto::hasPorts)) {
            throw new RuleSyntaxException(text.indexOf(':') < 0 ? 0 : text.lastIndexOf(':'),
                    "a port in a NAT target needs a tcp or udp match in the rule (nft: transport protocol mapping is only valid "
                            + "after transport protocol match)");
        }
    }
}
