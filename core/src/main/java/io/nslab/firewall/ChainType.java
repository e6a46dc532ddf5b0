package io.nslab.firewall;

/** A base chain's type: {@code filter} sees every packet, {@code nat} only the first packet of each connection. */
public enum ChainType {
    FILTER("filter"),
    NAT("nat");

    private final String word;

    ChainType(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The hooks the kernel accepts a chain of this type at (nft_chain_nat allows no forward hook). */
    public boolean allows(Hook h) {
        return this == FILTER || h != Hook.FORWARD;
    }

    public static java.util.Optional<ChainType> of(String word) {
        for (ChainType t : values()) {
            if (t.word.equals(word)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
