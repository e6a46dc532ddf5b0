package io.nslab.firewall;

/** The address family of an nf_tables table: which packets its chains see. */
public enum TableFamily {
    /** IPv4 only ({@code NFPROTO_IPV4}). */
    IP("ip", 2),
    /** IPv6 only ({@code NFPROTO_IPV6}). */
    IP6("ip6", 10),
    /** Both ({@code NFPROTO_INET}). */
    INET("inet", 1);

    private final String word;
    private final int nfproto;

    TableFamily(String word, int nfproto) {
        this.word = word;
        this.nfproto = nfproto;
    }

    /** As nft writes it: {@code ip}, {@code ip6}, {@code inet}. */
    public String word() {
        return word;
    }

    /** The NFPROTO_* number nf_tables messages carry in nfgen_family. */
    public int nfproto() {
        return nfproto;
    }

    /** Whether chains of this family see packets of this IP version. */
    public boolean sees(boolean v4) {
        return this == INET || (this == IP) == v4;
    }

    public static java.util.Optional<TableFamily> of(String word) {
        for (TableFamily f : values()) {
            if (f.word.equals(word)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
