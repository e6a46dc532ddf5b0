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

    /** {@code iifname "eth0"} or {@code oifname "eth0"} (also written {@code in eth0}, {@code out eth0}). */
    record Interface(boolean input, String name, boolean negated) implements Match {
        public String text(TableFamily family) {
            return (input ? "iifname " : "oifname ") + (negated ? "!= " : "") + "\"" + name + "\"";
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

    /** {@code ip protocol tcp} (ip tables) or {@code meta l4proto tcp} (ip6 and inet tables). */
    record Protocol(L4Proto protocol) implements Match {
        public String text(TableFamily family) {
            return (family == TableFamily.IP ? "ip protocol " : "meta l4proto ") + protocol.word();
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
