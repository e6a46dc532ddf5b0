package io.nslab.state;

/** RFC 2863 operational state, as {@code ip link} prints it after {@code state}. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP
}
