package io.nslab.firewall;

/** The netfilter hooks a base chain attaches to, in the order a forwarded packet meets them. */
public enum Hook {
    PREROUTING("prerouting", 0),
    INPUT("input", 1),
    FORWARD("forward", 2),
    OUTPUT("output", 3),
    POSTROUTING("postrouting", 4);

    private final String word;
    private final int number;

    Hook(String word, int number) {
        this.word = word;
        this.number = number;
    }

    public String word() {
        return word;
    }

    /** NF_INET_* as nf_tables messages carry it. */
    public int number() {
        return number;
    }

    public static java.util.Optional<Hook> of(String word) {
        for (Hook h : values()) {
            if (h.word.equals(word)) {
                return java.util.Optional.of(h);
            }
        }
        return java.util.Optional.empty();
    }
}
