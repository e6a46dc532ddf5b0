package io.nslab.probe;

/** ICMP errors a probe can receive, with the words iputils prints for each. */
public enum IcmpErrorKind {
    NET_UNREACHABLE(3, 0, "Destination Net Unreachable"),
    HOST_UNREACHABLE(3, 1, "Destination Host Unreachable"),
    PROTOCOL_UNREACHABLE(3, 2, "Destination Protocol Unreachable"),
    PORT_UNREACHABLE(3, 3, "Destination Port Unreachable"),
    FRAGMENTATION_NEEDED(3, 4, "Frag needed and DF set"),
    NET_PROHIBITED(3, 9, "Destination Net Prohibited"),
    HOST_PROHIBITED(3, 10, "Destination Host Prohibited"),
    PACKET_FILTERED(3, 13, "Packet filtered"),
    TTL_EXCEEDED(11, 0, "Time to live exceeded"),
    REDIRECT_NET(5, 0, "Redirect Network"),
    REDIRECT_HOST(5, 1, "Redirect Host");

    private final int type;
    private final int code;
    private final String text;

    IcmpErrorKind(int type, int code, String text) {
        this.type = type;
        this.code = code;
        this.text = text;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }

    /** What iputils ping prints after {@code From X icmp_seq=N }. */
    public String text() {
        return text;
    }

    /**
     * What iputils {@code ping -6} prints for the ICMPv6 error this kind stands for ({@code Destination unreachable:
     * Address unreachable}, {@code Time exceeded: Hop limit}); the IPv4 words for kinds ICMPv6 does not have.
     */
    public String textV6() {
        return switch (this) {
            case NET_UNREACHABLE -> "Destination unreachable: No route";
            case HOST_UNREACHABLE -> "Destination unreachable: Address unreachable";
            case PACKET_FILTERED -> "Destination unreachable: Administratively prohibited";
            case PORT_UNREACHABLE -> "Destination unreachable: Port unreachable";
            case TTL_EXCEEDED -> "Time exceeded: Hop limit";
            case FRAGMENTATION_NEEDED -> "Packet too big";
            case PROTOCOL_UNREACHABLE, NET_PROHIBITED, HOST_PROHIBITED, REDIRECT_NET, REDIRECT_HOST -> text;
        };
    }

    /** A redirect: advice to the sender about a better gateway, not an error that fails the probe. */
    public boolean isRedirect() {
        return type == 5;
    }

    public boolean isUnreachable() {
        return type == 3;
    }

    /**
     * The kind an ICMPv6 error (RFC 4443) counts as: the ICMP error the kernel's IPv4 side sends in the same case
     * (no route: net unreachable; no neighbour: host unreachable; a prohibit route: packet filtered; hop limit
     * exceeded: TTL exceeded; packet too big: fragmentation needed). Empty for what ping does not report as an error.
     * iputils words IPv6 errors in its own way ("Destination unreachable: Address unreachable"): {@link #textV6()}.
     */
    public static java.util.Optional<IcmpErrorKind> ofIcmpv6(int type, int code) {
        IcmpErrorKind k = switch (type) {
            case 1 -> switch (code) {
                case 0, 5, 6 -> NET_UNREACHABLE;
                case 1 -> PACKET_FILTERED;
                case 2, 3 -> HOST_UNREACHABLE;
                case 4 -> PORT_UNREACHABLE;
                default -> null;
            };
            case 2 -> FRAGMENTATION_NEEDED;
            case 3 -> code == 0 ? TTL_EXCEEDED : null;
            default -> null;
        };
        return java.util.Optional.ofNullable(k);
    }

    public static java.util.Optional<IcmpErrorKind> of(int type, int code) {
        for (IcmpErrorKind k : values()) {
            if (k.type == type && k.code == code) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
