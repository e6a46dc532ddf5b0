package io.nslab.netlink.nft;

/**
 * The address family of an nf_tables table ({@code NFPROTO_*}), as {@code nft} names it: {@code ip}, {@code ip6},
 * {@code inet} (both), and the others for completeness of read-back.
 */
public enum NftFamily {
    INET(1, "inet"),
    IP(2, "ip"),
    ARP(3, "arp"),
    NETDEV(5, "netdev"),
    BRIDGE(7, "bridge"),
    IP6(10, "ip6");

    private final int code;
    private final String keyword;

    NftFamily(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    /** The {@code NFPROTO_*} number, as it travels in {@code nfgenmsg.nfgen_family}. */
    public int code() {
        return code;
    }

    /** The family as {@code nft} writes it: {@code ip}, {@code ip6}, {@code inet}, ... */
    public String keyword() {
        return keyword;
    }

    /** The family of an {@code NFPROTO_*} number. */
    public static NftFamily of(int code) {
        for (NftFamily f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown nf_tables family " + code);
    }

    @Override
    public String toString() {
        return keyword;
    }
}
