package io.nslab.firewall;

import java.util.Optional;

/** ICMP and ICMPv6 message types, by the names nft uses. */
public enum IcmpType {
    ECHO_REPLY(false, 0, "echo-reply"),
    DESTINATION_UNREACHABLE(false, 3, "destination-unreachable"),
    REDIRECT(false, 5, "redirect"),
    ECHO_REQUEST(false, 8, "echo-request"),
    TIME_EXCEEDED(false, 11, "time-exceeded"),
    PARAMETER_PROBLEM(false, 12, "parameter-problem"),
    V6_DESTINATION_UNREACHABLE(true, 1, "destination-unreachable"),
    V6_PACKET_TOO_BIG(true, 2, "packet-too-big"),
    V6_TIME_EXCEEDED(true, 3, "time-exceeded"),
    V6_PARAMETER_PROBLEM(true, 4, "parameter-problem"),
    V6_ECHO_REQUEST(true, 128, "echo-request"),
    V6_ECHO_REPLY(true, 129, "echo-reply"),
    V6_ND_ROUTER_SOLICIT(true, 133, "nd-router-solicit"),
    V6_ND_ROUTER_ADVERT(true, 134, "nd-router-advert"),
    V6_ND_NEIGHBOR_SOLICIT(true, 135, "nd-neighbor-solicit"),
    V6_ND_NEIGHBOR_ADVERT(true, 136, "nd-neighbor-advert");

    private final boolean v6;
    private final int type;
    private final String word;

    IcmpType(boolean v6, int type, String word) {
        this.v6 = v6;
        this.type = type;
        this.word = word;
    }

    public boolean v6() {
        return v6;
    }

    /** The type field's value. */
    public int type() {
        return type;
    }

    public String word() {
        return word;
    }

    /** Echo requests start a connection; the other kinds conntrack cannot start one with. */
    public boolean isEchoRequest() {
        return this == ECHO_REQUEST || this == V6_ECHO_REQUEST;
    }

    public static Optional<IcmpType> of(boolean v6, String word) {
        for (IcmpType t : values()) {
            if (t.v6 == v6 && t.word.equals(word)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<IcmpType> ofNumber(boolean v6, int type) {
        for (IcmpType t : values()) {
            if (t.v6 == v6 && t.type == type) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
