package io.nslab.script;

import io.nslab.firewall.ConnState;
import io.nslab.firewall.IcmpType;
import io.nslab.firewall.L4Proto;
import io.nslab.firewall.PortRange;
import io.nslab.firewall.TableFamily;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** iptables' command line, read as iptables 1.8.9 reads it (getopt with bundled short options, {@code !} before an option). */
final class IptablesArgs {
    /** A usage error: iptables prints it after its version and exits 2 (3 for an unknown table). */
    static final class Bad extends Exception {
        final int status;
        final String tail;

        Bad(String message) {
            this(message, 2, "Try `%s -h' or '%s --help' for more information.\n");
        }

        Bad(String message, int status, String tail) {
            super(message, null, false, false);
            this.status = status;
            this.tail = tail;
        }
    }

    char command;
    String table = "filter";
    String chain;
    /** -I/-D's rule number, -P's policy. */
    Integer number;
    String policy;
    boolean numeric;
    boolean verbose;
    boolean exact;
    boolean lineNumbers;

    final TableFamily family;
    private IptRule.Iface in;
    private IptRule.Iface out;
    private L4Proto proto;
    private boolean protoNegated;
    private IptRule.Addr src;
    private IptRule.Addr dst;
    private final List<IptRule.IptMatch> matches = new ArrayList<>();
    private String target;
    private String rejectWith;
    private String natTo;
    private boolean hasRuleSpec;

    private final List<String> argv;
    private int i = 1;
    private boolean negate;

    private IptablesArgs(List<String> argv, TableFamily family) {
        this.argv = argv;
        this.family = family;
    }

    static IptablesArgs parse(List<String> argv, TableFamily family) throws Bad {
        IptablesArgs a = new IptablesArgs(argv, family);
        a.read();
        return a;
    }

    boolean hasRuleSpec() {
        return hasRuleSpec;
    }

    String target() {
        return target;
    }

    private void read() throws Bad {
        while (i < argv.size()) {
            String a = argv.get(i++);
            if (a.equals("!")) {
                negate = true;
                continue;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                longOption(name, eq < 0 ? null : a.substring(eq + 1), a);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    String rest = a.substring(k + 1);
                    if (takesValue(c)) {
                        shortOption(c, rest.isEmpty() ? value(a) : rest);
                        break;
                    }
                    shortOption(c, null);
                }
            } else {
                throw new Bad("Bad argument `" + a + "'");
            }
        }
        if (command == 0) {
            throw new Bad("no command specified");
        }
    }

    private static boolean takesValue(char c) {
        return "tAIRDPNEsdiopmjgw".indexOf(c) >= 0 && c != 'w';
    }

    private String value(String option) throws Bad {
        if (i >= argv.size()) {
            throw new Bad("option \"" + option + "\" requires an argument");
        }
        return argv.get(i++);
    }

    /** A chain name that may follow -L, -S, -F, -X, -Z. */
    private String optionalChain() {
        if (i < argv.size() && !argv.get(i).startsWith("-") && !argv.get(i).equals("!")) {
            return argv.get(i++);
        }
        return null;
    }

    private void command(char c, String chainName) throws Bad {
        if (command != 0) {
            throw new Bad("Cannot use -" + c + " with -" + command);
        }
        command = c;
        chain = chainName;
    }

    private void shortOption(char c, String v) throws Bad {
        boolean neg = negate;
        negate = false;
        switch (c) {
            case 't' -> table = v;
            case 'A', 'N', 'E' -> command(c, v);
            case 'I' -> {
                command(c, v);
                if (i < argv.size() && argv.get(i).matches("[0-9]+")) {
                    number = Integer.parseInt(argv.get(i++));
                }
            }
            case 'D', 'R' -> {
                command(c, v);
                if (i < argv.size() && argv.get(i).matches("[0-9]+")) {
                    number = Integer.parseInt(argv.get(i++));
                }
            }
            case 'P' -> {
                command(c, v);
                if (i >= argv.size()) {
                    throw new Bad("-P requires a chain and a policy");
                }
                policy = argv.get(i++);
            }
            case 'L', 'S', 'F', 'X', 'Z' -> command(c, optionalChain());
            case 'n' -> numeric = true;
            case 'v' -> verbose = true;
            case 'x' -> exact = true;
            case 'w' -> {
                if (i < argv.size() && argv.get(i).matches("[0-9]+")) {
                    i++;
                }
            }
            case 's' -> src = new IptRule.Addr(prefix(v), neg);
            case 'd' -> dst = new IptRule.Addr(prefix(v), neg);
            case 'i' -> in = new IptRule.Iface(v, neg);
            case 'o' -> out = new IptRule.Iface(v, neg);
            case 'p' -> protocol(v, neg);
            case 'm' -> module(v);
            case 'j' -> target = v;
            default -> throw new Bad("unknown option \"-" + c + "\"");
        }
        if ("sdiopmj".indexOf(c) >= 0) {
            hasRuleSpec = true;
        }
    }

    private void longOption(String name, String inline, String raw) throws Bad {
        boolean neg = negate;
        negate = false;
        switch (name) {
            case "table" -> table = inline != null ? inline : value(raw);
            case "append" -> command('A', inline != null ? inline : value(raw));
            case "insert" -> shortOption('I', inline != null ? inline : value(raw));
            case "delete" -> shortOption('D', inline != null ? inline : value(raw));
            case "replace" -> shortOption('R', inline != null ? inline : value(raw));
            case "policy" -> shortOption('P', inline != null ? inline : value(raw));
            case "new-chain", "new" -> command('N', inline != null ? inline : value(raw));
            case "list" -> command('L', inline != null ? inline : optionalChain());
            case "list-rules" -> command('S', inline != null ? inline : optionalChain());
            case "flush" -> command('F', inline != null ? inline : optionalChain());
            case "delete-chain" -> command('X', inline != null ? inline : optionalChain());
            case "numeric" -> numeric = true;
            case "verbose" -> verbose = true;
            case "exact" -> exact = true;
            case "line-numbers" -> lineNumbers = true;
            case "source", "src" -> src = new IptRule.Addr(prefix(inline != null ? inline : value(raw)), neg);
            case "destination", "dst" -> dst = new IptRule.Addr(prefix(inline != null ? inline : value(raw)), neg);
            case "in-interface" -> in = new IptRule.Iface(inline != null ? inline : value(raw), neg);
            case "out-interface" -> out = new IptRule.Iface(inline != null ? inline : value(raw), neg);
            case "protocol" -> protocol(inline != null ? inline : value(raw), neg);
            case "jump" -> target = inline != null ? inline : value(raw);
            case "sport", "source-port", "dport", "destination-port" -> ports(name.startsWith("s"), inline != null ? inline : value(raw), neg, raw);
            case "ctstate", "state" -> states(inline != null ? inline : value(raw), name.equals("state"), neg, raw);
            case "icmp-type", "icmpv6-type" -> icmp(inline != null ? inline : value(raw), raw);
            case "dports", "sports", "destination-ports", "source-ports" -> multiport(name.startsWith("s"), inline != null ? inline : value(raw), raw);
            case "reject-with" -> rejectWith = inline != null ? inline : value(raw);
            case "to-source", "to-destination", "to" -> natTo = inline != null ? inline : value(raw);
            default -> throw new Bad("unknown option \"" + raw + "\"");
        }
        hasRuleSpec |= !List.of("table", "append", "insert", "delete", "replace", "policy", "new-chain", "new", "list", "list-rules", "flush", "delete-chain", "numeric", "verbose",
                "exact", "line-numbers").contains(name);
    }

    private IpPrefix prefix(String text) throws Bad {
        String t = text;
        try {
            int slash = t.indexOf('/');
            if (slash >= 0 && t.substring(slash + 1).contains(".")) {
                t = t.substring(0, slash) + "/" + Integer.bitCount(IpAddress.parse(t.substring(slash + 1)).v4bits());
            }
            IpPrefix p = slash < 0 ? IpPrefix.parse(t + (IpAddress.parse(t).isV4() ? "/32" : "/128")) : IpPrefix.parse(t);
            if (p.address().isV4() != (family != TableFamily.IP6)) {
                throw new IllegalArgumentException("family");
            }
            // iptables masks the host bits away
            return masked(p);
        } catch (RuntimeException e) {
            throw new Bad("host/network `" + text + "' not found");
        }
    }

    static IpPrefix masked(IpPrefix p) {
        if (!p.hasHostBits()) {
            return p;
        }
        IpAddress a = p.address();
        if (a.isV4()) {
            int bits = a.v4bits() & (p.length() == 0 ? 0 : -1 << (32 - p.length()));
            return new IpPrefix(IpAddress.v4(bits), p.length());
        }
        long hi = a.hi();
        long lo = a.lo();
        int len = p.length();
        if (len <= 64) {
            hi = len == 0 ? 0 : hi & (-1L << (64 - len));
            lo = 0;
        } else {
            lo = lo & (-1L << (128 - len));
        }
        return new IpPrefix(new IpAddress(a.family(), hi, lo), len);
    }

    private void protocol(String v, boolean neg) throws Bad {
        String p = v.toLowerCase();
        if (p.equals("all") || p.equals("0")) {
            proto = null;
            return;
        }
        proto = switch (p) {
            case "tcp", "6" -> L4Proto.TCP;
            case "udp", "17" -> L4Proto.UDP;
            case "icmp", "1" -> L4Proto.ICMP;
            case "icmpv6", "ipv6-icmp", "58" -> L4Proto.ICMPV6;
            default -> throw new Bad("unknown protocol \"" + v + "\" specified");
        };
        protoNegated = neg;
    }

    private void module(String name) throws Bad {
        switch (name) {
            case "tcp", "udp" -> {
                if (proto == null || !proto.word().equals(name) || protoNegated) {
                    throw new Bad("unknown option \"-m " + name + "\" without -p " + name);
                }
                portsMatch();
            }
            case "conntrack", "state", "multiport", "icmp", "icmp6", "comment" -> {
                // the options that follow carry the match
            }
            default -> throw new Bad("Couldn't load match `" + name + "':No such file or directory");
        }
    }

    private IptRule.Ports portsMatch() {
        for (int k = 0; k < matches.size(); k++) {
            if (matches.get(k) instanceof IptRule.Ports p) {
                return p;
            }
        }
        IptRule.Ports p = new IptRule.Ports(proto, Optional.empty(), Optional.empty());
        matches.add(p);
        return p;
    }

    private void ports(boolean source, String v, boolean neg, String raw) throws Bad {
        if (proto == null || protoNegated || !proto.hasPorts()) {
            throw new Bad("unknown option \"" + raw + "\"");
        }
        if (neg) {
            throw new Bad("! " + raw + ": a negated port is not modelled by nslab's simulator", 2, "");
        }
        PortRange r = portRange(v);
        IptRule.Ports p = portsMatch();
        int at = matches.indexOf(p);
        matches.set(at, source ? new IptRule.Ports(p.proto(), Optional.of(r), p.dport()) : new IptRule.Ports(p.proto(), p.sport(), Optional.of(r)));
    }

    private PortRange portRange(String v) throws Bad {
        try {
            int colon = v.indexOf(':');
            if (colon < 0) {
                return PortRange.of(port(v));
            }
            int from = colon == 0 ? 0 : port(v.substring(0, colon));
            int to = colon == v.length() - 1 ? 65535 : port(v.substring(colon + 1));
            return new PortRange(from, to);
        } catch (RuntimeException e) {
            throw new Bad("invalid port/service `" + v + "' specified");
        }
    }

    private int port(String v) {
        if (v.matches("[0-9]{1,5}") && Integer.parseInt(v) <= 65535) {
            return Integer.parseInt(v);
        }
        throw new IllegalArgumentException(v);
    }

    private void states(String v, boolean stateModule, boolean neg, String raw) throws Bad {
        if (neg) {
            throw new Bad("! " + raw + ": a negated state is not modelled by nslab's simulator", 2, "");
        }
        Set<ConnState> set = EnumSet.noneOf(ConnState.class);
        for (String w : v.split(",")) {
            set.add(ConnState.of(w.toLowerCase()).orElseThrow(() -> new Bad("Bad " + (stateModule ? "state" : "ctstate") + " \"" + w + "\"")));
        }
        matches.add(new IptRule.States(set, stateModule));
    }

    private void icmp(String v, String raw) throws Bad {
        boolean v6 = family == TableFamily.IP6;
        if (proto != (v6 ? L4Proto.ICMPV6 : L4Proto.ICMP)) {
            throw new Bad("unknown option \"" + raw + "\"");
        }
        Optional<IcmpType> t = v.matches("[0-9]+") ? IcmpType.ofNumber(v6, Integer.parseInt(v)) : IcmpType.of(v6, v);
        matches.add(new IptRule.Icmp(t.orElseThrow(() -> new Bad("Invalid ICMP type `" + v + "'"))));
    }

    private void multiport(boolean source, String v, String raw) throws Bad {
        if (proto == null || !proto.hasPorts()) {
            throw new Bad("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
        }
        List<PortRange> list = new ArrayList<>();
        for (String p : v.split(",")) {
            list.add(portRange(p));
        }
        matches.add(new IptRule.Multiport(proto, source, list));
    }

    /** The rule the options describe; {@code knownChain} says whether a -j name is a user chain of the table. */
    IptRule rule(java.util.function.Predicate<String> knownChain) throws Bad {
        Optional<IptRule.IptTarget> t = Optional.empty();
        if (target != null) {
            t = Optional.of(switch (target) {
                case "ACCEPT", "DROP", "RETURN" -> new IptRule.Standard(target);
                case "REJECT" -> new IptRule.Reject(rejectName(rejectWith));
                case "MASQUERADE" -> new IptRule.Masquerade();
                case "SNAT", "DNAT" -> {
                    if (natTo == null) {
                        throw new Bad(target + ": You must specify --to-" + (target.equals("SNAT") ? "source" : "destination"));
                    }
                    int colon = natTo.lastIndexOf(':');
                    boolean v6 = natTo.startsWith("[");
                    String addr = v6 ? natTo.substring(1, natTo.indexOf(']')) : colon < 0 || natTo.indexOf(':') != colon ? natTo : natTo.substring(0, colon);
                    String portText = v6 ? (natTo.contains("]:") ? natTo.substring(natTo.indexOf("]:") + 2) : null)
                            : colon < 0 || natTo.indexOf(':') != colon ? null : natTo.substring(colon + 1);
                    IpAddress a;
                    try {
                        a = IpAddress.parse(addr);
                    } catch (RuntimeException e) {
                        throw new Bad("Bad IP address \"" + addr + "\"");
                    }
                    if (portText != null && (proto == null || !proto.hasPorts())) {
                        throw new Bad("Need TCP, UDP, SCTP or DCCP with port specification");
                    }
                    OptionalInt port = portText == null ? OptionalInt.empty() : OptionalInt.of(portRange(portText).from());
                    yield target.equals("SNAT") ? new IptRule.Snat(a, port) : new IptRule.Dnat(a, port);
                }
                default -> {
                    if (!knownChain.test(target)) {
                        throw new Bad("Chain '" + target + "' does not exist");
                    }
                    yield new IptRule.Standard(target);
                }
            });
        }
        return new IptRule(family, Optional.ofNullable(in), Optional.ofNullable(out), Optional.ofNullable(proto), protoNegated,
                Optional.ofNullable(src), Optional.ofNullable(dst), matches, t);
    }

    private String rejectName(String with) throws Bad {
        boolean v6 = family == TableFamily.IP6;
        if (with == null) {
            return v6 ? "icmp6-port-unreachable" : "icmp-port-unreachable";
        }
        String w = with;
        List<String> v4 = List.of("icmp-net-unreachable", "icmp-host-unreachable", "icmp-port-unreachable", "icmp-proto-unreachable",
                "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited", "tcp-reset");
        List<String> v6names = List.of("icmp6-no-route", "icmp6-adm-prohibited", "icmp6-addr-unreachable", "icmp6-port-unreachable", "tcp-reset");
        for (String full : v6 ? v6names : v4) {
            if (full.equals(w) || full.replace("icmp-", "").replace("icmp6-", "").replace("unreachable", "unreach").replace("prohibited", "prohib").equals(w)) {
                return full;
            }
        }
        throw new Bad("unknown reject type \"" + with + "\"");
    }
}
