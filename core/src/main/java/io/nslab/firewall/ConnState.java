package io.nslab.firewall;

import java.util.Optional;

/** Conntrack states as {@code ct state} matches them, with the bits nft sorts and prints them by. */
public enum ConnState {
    INVALID("invalid", 1),
    ESTABLISHED("established", 2),
    RELATED("related", 4),
    NEW("new", 8),
    UNTRACKED("untracked", 64);

    private final String word;
    private final int bit;

    ConnState(String word, int bit) {
        this.word = word;
        this.bit = bit;
    }

    public String word() {
        return word;
    }

    /** NF_CT_STATE_*_BIT. */
    public int bit() {
        return bit;
    }

    public static Optional<ConnState> of(String word) {
        for (ConnState s : values()) {
            if (s.word.equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
