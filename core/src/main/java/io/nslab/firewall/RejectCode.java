package io.nslab.firewall;

import io.nslab.probe.IcmpErrorKind;

import java.util.Optional;

/**
 * The ICMP message {@code reject with ...} sends. The dialect is the table's: {@code icmp} codes in ip tables,
 * {@code icmpv6} in ip6 tables, {@code icmpx} (mapped to either) in inet tables.
 */
public enum RejectCode {
    PORT_UNREACHABLE("port-unreachable", IcmpErrorKind.PORT_UNREACHABLE, true, true, true),
    HOST_UNREACHABLE("host-unreachable", IcmpErrorKind.HOST_UNREACHABLE, true, false, true),
    NET_UNREACHABLE("net-unreachable", IcmpErrorKind.NET_UNREACHABLE, true, false, false),
    PROT_UNREACHABLE("prot-unreachable", IcmpErrorKind.PROTOCOL_UNREACHABLE, true, false, false),
    NET_PROHIBITED("net-prohibited", IcmpErrorKind.NET_PROHIBITED, true, false, false),
    HOST_PROHIBITED("host-prohibited", IcmpErrorKind.HOST_PROHIBITED, true, false, false),
    ADMIN_PROHIBITED("admin-prohibited", IcmpErrorKind.PACKET_FILTERED, true, true, true),
    NO_ROUTE("no-route", IcmpErrorKind.NET_UNREACHABLE, false, true, true),
    ADDR_UNREACHABLE("addr-unreachable", IcmpErrorKind.HOST_UNREACHABLE, false, true, false);

    private final String word;
    private final IcmpErrorKind kind;
    private final boolean icmp;
    private final boolean icmpv6;
    private final boolean icmpx;

    RejectCode(String word, IcmpErrorKind kind, boolean icmp, boolean icmpv6, boolean icmpx) {
        this.word = word;
        this.kind = kind;
        this.icmp = icmp;
        this.icmpv6 = icmpv6;
        this.icmpx = icmpx;
    }

    public String word() {
        return word;
    }

    /** The error the rejected packet's sender receives (ICMPv6 errors count as their IPv4 equivalent, as elsewhere). */
    public IcmpErrorKind kind() {
        return kind;
    }

    /** The dialect nft uses in a table of this family: icmp, icmpv6, icmpx. */
    public static String dialect(TableFamily f) {
        return switch (f) {
            case IP -> "icmp";
            case IP6 -> "icmpv6";
            case INET -> "icmpx";
        };
    }

    /** Whether a table of this family can send this code. */
    public boolean allowedIn(TableFamily f) {
        return switch (f) {
            case IP -> icmp;
            case IP6 -> icmpv6;
            case INET -> icmpx;
        };
    }

    public static Optional<RejectCode> of(String word) {
        for (RejectCode c : values()) {
            if (c.word.equals(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
