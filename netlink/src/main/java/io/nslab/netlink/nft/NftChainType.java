package io.nslab.netlink.nft;

/** The type of a base chain ({@code NFTA_CHAIN_TYPE}): which packets it sees and what its rules may do. */
public enum NftChainType {
    FILTER("filter"),
    NAT("nat"),
    ROUTE("route");

    private final String keyword;

    NftChainType(String keyword) {
        this.keyword = keyword;
    }

    /** The name the kernel knows the type by. */
    public String keyword() {
        return keyword;
    }

    public static NftChainType of(String keyword) {
        for (NftChainType t : values()) {
            if (t.keyword.equals(keyword)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown chain type \"" + keyword + "\"");
    }
}
