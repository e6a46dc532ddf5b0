package io.nslab.netlink.nft;

/** What a base chain does with a packet that no rule decided on ({@code NFTA_CHAIN_POLICY}: NF_DROP or NF_ACCEPT). */
public enum NftPolicy {
    DROP(0),
    ACCEPT(1);

    private final int code;

    NftPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NftPolicy of(int code) {
        return switch (code) {
            case 0 -> DROP;
            case 1 -> ACCEPT;
            default -> throw new IllegalArgumentException("unknown chain policy " + code);
        };
    }

    public String keyword() {
        return this == DROP ? "drop" : "accept";
    }
}
