package io.nslab.script;

import io.nslab.firewall.L4Proto;
import io.nslab.firewall.Match;
import io.nslab.firewall.PortRange;
import io.nslab.firewall.TableFamily;
import io.nslab.model.IpPrefix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three texts of an iptables-nft rule: {@code iptables -S}, a line of {@code iptables -L} (iptables 1.8.9's
 * print_firewall, with its column widths and trailing blanks), and what {@code nft list ruleset} prints for it.
 */
final class IptText {
    private IptText() {
    }

    // ---- iptables -S ----

    static String spec(String chain, IptRule r) {
        StringBuilder sb = new StringBuilder("-A ").append(chain);
        r.src().ifPresent(a -> sb.append(a.negated() ? " ! -s " : " -s ").append(a.prefix()));
        r.dst().ifPresent(a -> sb.append(a.negated() ? " ! -d " : " -d ").append(a.prefix()));
        r.in().ifPresent(i -> sb.append(i.negated() ? " ! -i " : " -i ").append(i.name()));
        r.out().ifPresent(i -> sb.append(i.negated() ? " ! -o " : " -o ").append(i.name()));
        r.proto().ifPresent(p -> sb.append(r.protoNegated() ? " ! -p " : " -p ").append(protoName(p)));
        for (IptRule.IptMatch m : r.matches()) {
            switch (m) {
                case IptRule.Ports p -> {
                    sb.append(" -m ").append(p.proto().word());
                    p.sport().ifPresent(x -> sb.append(" --sport ").append(range(x)));
                    p.dport().ifPresent(x -> sb.append(" --dport ").append(range(x)));
                }
                case IptRule.States s -> sb.append(s.stateModule() ? " -m state --state " : " -m conntrack --ctstate ").append(s.upper());
                case IptRule.Icmp i -> sb.append(i.type().v6() ? " -m icmp6 --icmpv6-type " : " -m icmp --icmp-type ").append(i.type().type());
                case IptRule.Multiport mp -> sb.append(" -m multiport ").append(mp.source() ? "--sports " : "--dports ").append(ports(mp.ports()));
            }
        }
        r.target().ifPresent(t -> {
            sb.append(" -j ").append(r.targetName());
            switch (t) {
                case IptRule.Standard s -> {
                }
                case IptRule.Reject x -> sb.append(" --reject-with ").append(x.with());
                case IptRule.Masquerade x -> {
                }
                case IptRule.Snat x -> sb.append(" --to-source ").append(natTo(x.address().toString(), x.port()));
                case IptRule.Dnat x -> sb.append(" --to-destination ").append(natTo(x.address().toString(), x.port()));
            }
        });
        return sb.toString();
    }

    private static String natTo(String address, java.util.OptionalInt port) {
        return port.isEmpty() ? address : (address.contains(":") ? "[" + address + "]" : address) + ":" + port.getAsInt();
    }

    static String protoName(L4Proto p) {
        return p == L4Proto.ICMPV6 ? "ipv6-icmp" : p.word();
    }

    private static String range(PortRange r) {
        return r.from() == r.to() ? Integer.toString(r.from()) : r.from() + ":" + r.to();
    }

    private static String ports(List<PortRange> ports) {
        return String.join(",", ports.stream().map(IptText::range).toList());
    }

    // ---- iptables -L ----

    /** What -L was asked for: -n, -v, -x, --line-numbers. */
    record Format(boolean numeric, boolean verbose, boolean exact, boolean lineNumbers) {
    }

    static String header(Format f) {
        StringBuilder sb = new StringBuilder();
        if (f.lineNumbers()) {
            sb.append(f.verbose() ? "num  " : "num  ");
        }
        if (f.verbose()) {
            sb.append(f.exact() ? "    pkts      bytes " : " pkts bytes ");
        }
        sb.append("target     prot opt ");
        if (f.verbose()) {
            sb.append("in     out     ");
        }
        return sb.append("source               destination         \n").toString();
    }

    static String line(Format f, int num, long[] counts, IptRule r) {
        StringBuilder sb = new StringBuilder();
        if (f.lineNumbers()) {
            sb.append(String.format("%-4d ", num));
        }
        if (f.verbose()) {
            sb.append(number(counts[0], f)).append(number(counts[1], f));
        }
        sb.append(String.format("%-9s ", r.targetName()));
        sb.append(r.protoNegated() ? '!' : ' ');
        String proto = r.proto().map(p -> f.numeric() ? Integer.toString(p.number()) : protoName(p)).orElse(f.numeric() ? "0" : "all");
        sb.append(String.format("%-4s ", proto));
        sb.append("-- ");
        if (f.verbose()) {
            sb.append(' ').append(String.format("%-6s", iface(r.in(), f))).append(' ').append(String.format("%-6s", iface(r.out(), f))).append(' ');
        }
        sb.append(r.src().map(a -> a.negated() ? "!" : " ").orElse(" "));
        sb.append(String.format("%-19s ", address(r.src(), r.family(), f)));
        sb.append(r.dst().map(a -> a.negated() ? "!" : " ").orElse(" "));
        sb.append(String.format("%-19s ", address(r.dst(), r.family(), f)));
        for (IptRule.IptMatch m : r.matches()) {
            switch (m) {
                case IptRule.Ports p -> {
                    sb.append(' ').append(p.proto().word());
                    p.sport().ifPresent(x -> sb.append(' ').append(port("spt", x, p.proto(), f)));
                    p.dport().ifPresent(x -> sb.append(' ').append(port("dpt", x, p.proto(), f)));
                }
                case IptRule.States s -> sb.append(s.stateModule() ? " state " : " ctstate ").append(s.upper());
                case IptRule.Icmp i -> sb.append(f.numeric() ? (i.type().v6() ? " ipv6-icmptype " : " icmptype ") + i.type().type()
                        : (i.type().v6() ? " ipv6-icmp " : " icmp ") + i.type().word());
                case IptRule.Multiport mp -> sb.append(" multiport ").append(mp.source() ? "sports " : "dports ")
                        .append(String.join(",", mp.ports().stream().map(x -> x.from() == x.to() ? service(x.from(), mp.proto(), f)
                                : service(x.from(), mp.proto(), f) + ":" + service(x.to(), mp.proto(), f)).toList()));
            }
        }
        r.target().ifPresent(t -> {
            switch (t) {
                case IptRule.Standard s -> {
                }
                case IptRule.Reject x -> sb.append(" reject-with ").append(x.with());
                case IptRule.Masquerade x -> {
                }
                case IptRule.Snat x -> sb.append(" to:").append(natTo(x.address().toString(), x.port()));
                case IptRule.Dnat x -> sb.append(" to:").append(natTo(x.address().toString(), x.port()));
            }
        });
        return sb.append('\n').toString();
    }

    /** xtables_print_num: 8 columns with -x, else 5 with K, M, G, T past 99999. */
    static String number(long n, Format f) {
        if (f.exact()) {
            return String.format("%8d ", n);
        }
        if (n <= 99999) {
            return String.format("%5d ", n);
        }
        String[] units = {"K", "M", "G", "T"};
        long v = n;
        for (String u : units) {
            v = (v + 500) / 1000;
            if (v <= 9999 || u.equals("T")) {
                return String.format("%4d%s ", v, u);
            }
        }
        throw new IllegalStateException();
    }

    private static String iface(java.util.Optional<IptRule.Iface> i, Format f) {
        if (i.isEmpty()) {
            return f.numeric() ? "*" : "any";
        }
        return (i.get().negated() ? "!" : "") + i.get().name();
    }

    private static String address(java.util.Optional<IptRule.Addr> a, TableFamily family, Format f) {
        if (a.isEmpty()) {
            if (!f.numeric()) {
                return "anywhere";
            }
            return family == TableFamily.IP6 ? "::/0" : "0.0.0.0/0";
        }
        IpPrefix p = a.get().prefix();
        return p.isHost() ? p.address().toString() : p.toString();
    }

    private static String port(String word, PortRange r, L4Proto proto, Format f) {
        if (r.from() == r.to()) {
            return word + ":" + service(r.from(), proto, f);
        }
        return word + "s:" + service(r.from(), proto, f) + ":" + service(r.to(), proto, f);
    }

    private static String service(int port, L4Proto proto, Format f) {
        return f.numeric() ? Integer.toString(port) : Services.name(port, proto.word()).orElse(Integer.toString(port));
    }

    /** /etc/services, which iptables -L reads (through getservbyport) to name ports. */
    static final class Services {
        private static Map<String, String> names;

        static synchronized java.util.Optional<String> name(int port, String proto) {
            if (names == null) {
                names = new HashMap<>();
                try {
                    for (String line : Files.readAllLines(Path.of("/etc/services"))) {
                        String[] w = line.replaceAll("#.*", "").trim().split("\\s+");
                        if (w.length >= 2 && w[1].contains("/")) {
                            names.putIfAbsent(w[1], w[0]);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // no services file: ports print as numbers, as getservbyport finds none
                }
            }
            return java.util.Optional.ofNullable(names.get(port + "/" + proto));
        }
    }

    // ---- nft list ruleset ----

    /**
     * As nft 1.0.6 lists the rule iptables-nft made: interfaces, the protocol, addresses, the matches, the counter,
     * the verdict. nft leaves the protocol test out when the rule's next expression is a native port match that needs
     * it; after an xtables match it keeps it.
     */
    static String nft(IptRule r, long packets, long bytes) {
        List<String> parts = new ArrayList<>();
        TableFamily fam = r.family();
        r.in().ifPresent(i -> parts.add(new Match.Interface(true, i.name(), i.negated(), false).text(fam)));
        r.out().ifPresent(i -> parts.add(new Match.Interface(false, i.name(), i.negated(), false).text(fam)));
        r.proto().ifPresent(p -> {
            boolean implied = !r.protoNegated() && !r.matches().isEmpty()
                    && r.matches().getFirst() instanceof IptRule.Ports ports && ports.proto() == p;
            if (!implied) {
                parts.add("meta l4proto " + (r.protoNegated() ? "!= " : "") + protoName(p));
            }
        });
        r.src().ifPresent(a -> parts.add(new Match.Address(true, a.prefix(), a.negated()).text(fam)));
        r.dst().ifPresent(a -> parts.add(new Match.Address(false, a.prefix(), a.negated()).text(fam)));
        for (IptRule.IptMatch m : r.matches()) {
            switch (m) {
                case IptRule.Ports p -> {
                    p.sport().ifPresent(x -> parts.add(p.proto().word() + " sport " + x));
                    p.dport().ifPresent(x -> parts.add(p.proto().word() + " dport " + x));
                }
                case IptRule.States s -> parts.add("ct state " + s.upper().toLowerCase()); // libxt_conntrack's xlate order
                case IptRule.Icmp i -> parts.add(new Match.Icmp(i.type().v6(), java.util.EnumSet.of(i.type())).text(fam));
                case IptRule.Multiport mp -> parts.add(new Match.Port(mp.proto(), mp.source(), mp.ports()).text(fam));
            }
        }
        parts.add("counter packets " + packets + " bytes " + bytes);
        r.target().ifPresent(t -> parts.add(switch (t) {
            case IptRule.Standard s -> switch (s.name()) {
                case "ACCEPT" -> "accept";
                case "DROP" -> "drop";
                case "RETURN" -> "return";
                default -> "jump " + s.name();
            };
            case IptRule.Reject x -> switch (x.with()) {
                case "icmp-port-unreachable", "icmp6-port-unreachable" -> "reject";
                case "tcp-reset" -> "reject with tcp reset";
                default -> "reject with " + (fam == TableFamily.IP6 ? "icmpv6" : "icmp") + " type " + IptRule.rejectCode(x.with()).word();
            };
            case IptRule.Masquerade x -> "masquerade";
            case IptRule.Snat x -> "snat to " + natTo(x.address().toString(), x.port());
            case IptRule.Dnat x -> "dnat to " + natTo(x.address().toString(), x.port());
        }));
        return String.join(" ", parts);
    }
}
