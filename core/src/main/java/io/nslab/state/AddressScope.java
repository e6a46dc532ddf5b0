package io.nslab.state;

/** Address and route scope, as {@code ip} prints it. */
public enum AddressScope {
    UNIVERSE("global"), SITE("site"), LINK("link"), HOST("host"), NOWHERE("nowhere");

    private final String word;

    AddressScope(String word) {
        this.word = word;
    }

    /** How {@code ip addr} prints it: {@code global}, {@code link}, {@code host}. */
    public String word() {
        return word;
    }
}
