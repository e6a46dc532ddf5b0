package io.nslab.netlink;

/** RFC 2863 operational state of a link ({@code IFLA_OPERSTATE}), as {@code ip link} prints after "state". */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    static OperState of(int code) {
        OperState[] all = values();
        return code >= 0 && code < all.length ? all[code] : UNKNOWN;
    }
}
