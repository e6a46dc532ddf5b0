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

    public boolean isUnreachable() {
        return type == 3;
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
