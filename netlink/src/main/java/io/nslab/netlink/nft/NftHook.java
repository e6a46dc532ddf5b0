package io.nslab.netlink.nft;

/** The netfilter hooks of the ip, ip6 and inet families ({@code NF_INET_*}), where a base chain attaches. */
public enum NftHook {
    PREROUTING(0, "prerouting"),
    INPUT(1, "input"),
    FORWARD(2, "forward"),
    OUTPUT(3, "output"),
    POSTROUTING(4, "postrouting");

    private final int code;
    private final String keyword;

    NftHook(int code, String keyword) {
        this.code = code;
        this.keyword = keyword;
    }

    public int code() {
        return code;
    }

    public String keyword() {
        return keyword;
    }

    public static NftHook of(int code) {
        for (NftHook h : values()) {
            if (h.code == code) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown netfilter hook " + code);
    }
}
