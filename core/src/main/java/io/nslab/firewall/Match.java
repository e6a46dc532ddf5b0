package io.nslab.firewall;

import io.nslab.model.IpPrefix;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One condition of a rule, as nft writes it. A rule matches a packet when all its conditions do. Matches that
 * need a protocol (ports, ICMP types) carry it, as nft adds the protocol test itself and does not print it.
 */
public sealed interface Match {

    /** The text {@code nft list ruleset} prints for this match in a table of {@code family}. */
    String text(TableFamily family);

    /**
     * {@code iifname "eth0"} or {@code oifname "eth0"} (also written {@code in eth0}, {@code out eth0}); {@code byIndex}
     * for {@code iif}/{@code oif}, which nft resolves to the device's index when the rule is loaded.
     */
    record Interface(boolean input, String name, boolean negated, boolean byIndex) implements Match {
        public String text(TableFamily family) {
            return (input ? "iif" : "oif") + (byIndex ? " " : "name ") + (negated ? "!= " : "") + "\"" + name + "\"";
        }
    }

    /** {@code ip saddr 10.0.0.0/24}, {@code ip6 daddr != fd00::/64}; the prefix's family is the one it tests. */
    record Address(boolean source, IpPrefix prefix, boolean negated) implements Match {
        public Address {
            if (prefix.hasHostBits()) {
                throw new IllegalArgumentException(prefix + " has host bits set");
            }
        }

        public boolean v4() {
            return prefix.address().isV4();
        }

        public String text(TableFamily family) {
            String p = prefix.isHost() ? prefix.address().toString() : prefix.toString();
            return (v4() ? "ip " : "ip6 ") + (source ? "saddr " : "daddr ") + (negated ? "!= " : "") + p;
        }
    }

    /**
     * {@code meta l4proto tcp} (any IP version), {@code ip protocol tcp} (IPv4 packets only) or {@code ip6 nexthdr tcp}
     * (IPv6 packets only).
     */
    record Protocol(L4Proto protocol, Field field) implements Match {
        /** Where the protocol is read from. */
        public enum Field {
            META("meta l4proto"),
            IP("ip protocol"),
            IP6("ip6 nexthdr");

            private final String words;

            Field(String words) {
                this.words = words;
            }
        }

        public static Protocol meta(L4Proto p) {
            return new Protocol(p, Field.META);
        }

        /** Whether nft drops this test from its listing when a port or ICMP type match of the rule implies it. */
        public boolean impliedIn(TableFamily family) {
            return field == Field.META || field == Field.IP && family == TableFamily.IP || field == Field.IP6 && family == TableFamily.IP6;
        }

        public String text(TableFamily family) {
            return field.words + " " + (protocol == L4Proto.ICMPV6 ? "ipv6-icmp" : protocol.word());
        }
    }

    /** {@code tcp dport 22}, {@code udp sport 1024-65535}, {@code tcp dport { 80, 443 }}. */
    record Port(L4Proto protocol, boolean source, List<PortRange> ports) implements Match {
        public Port {
            if (!protocol.hasPorts()) {
                throw new IllegalArgumentException(protocol.word() + " has no ports");
            }
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("a port match needs a port");
            }
            ports = List.copyOf(new TreeSet<>(ports));
        }

        public boolean matches(int port) {
            return ports.stream().anyMatch(r -> r.contains(port));
        }

        public String text(TableFamily family) {
            return protocol.word() + (source ? " sport " : " dport ") + set(ports.stream().map(PortRange::toString).toList());
        }
    }

    /** {@code icmp type echo-request}, {@code icmpv6 type { echo-reply, echo-request }}. */
    record Icmp(boolean v6, Set<IcmpType> types) implements Match {
        public Icmp {
            if (types.isEmpty() || types.stream().anyMatch(t -> t.v6() != v6)) {
                throw new IllegalArgumentException("ICMP types must be given, all of one family");
            }
            types = java.util.Collections.unmodifiableSet(EnumSet.copyOf(types));
        }

        public L4Proto protocol() {
            return v6 ? L4Proto.ICMPV6 : L4Proto.ICMP;
        }

        public String text(TableFamily family) {
            return protocol().word() + " type " + set(types.stream().sorted(java.util.Comparator.comparingInt(IcmpType::type))
                    .map(IcmpType::word).toList());
        }
    }

    /** {@code ct state established,related}, printed in the order of the state bits. */
    record CtState(Set<ConnState> states) implements Match {
        public CtState {
            if (states.isEmpty()) {
                throw new IllegalArgumentException("ct state needs a state");
            }
            states = java.util.Collections.unmodifiableSet(EnumSet.copyOf(states));
        }

        public String text(TableFamily family) {
            SortedSet<ConnState> sorted = new TreeSet<>(java.util.Comparator.comparingInt(ConnState::bit));
            sorted.addAll(states);
            return "ct state " + sorted.stream().map(ConnState::word).collect(Collectors.joining(","));
        }
    }

    private static String set(List<String> items) {
        return items.size() == 1 ? items.getFirst() : "{ " + String.join(", ", items) + " }";
    }
}
