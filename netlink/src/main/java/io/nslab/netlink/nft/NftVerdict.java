package io.nslab.netlink.nft;

import java.util.Objects;

/**
 * A verdict ({@code NFTA_VERDICT_CODE}, and the chain of a jump or goto).
 *
 * @param kind  what happens to the packet
 * @param chain the target of {@link Kind#JUMP} and {@link Kind#GOTO}; empty for the others
 */
public record NftVerdict(Kind kind, String chain) {
    /** Verdict codes: netfilter's NF_DROP and NF_ACCEPT, and nf_tables' own negative ones. */
    public enum Kind {
        DROP(0, "drop"),
        ACCEPT(1, "accept"),
        CONTINUE(-1, "continue"),
        BREAK(-2, "break"),
        JUMP(-3, "jump"),
        GOTO(-4, "goto"),
        RETURN(-5, "return");

        private final int code;
        private final String keyword;

        Kind(int code, String keyword) {
            this.code = code;
            this.keyword = keyword;
        }

        public int code() {
            return code;
        }

        public String keyword() {
            return keyword;
        }

        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown verdict code " + code);
        }
    }

    public NftVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(chain, "chain");
        boolean needsChain = kind == Kind.JUMP || kind == Kind.GOTO;
        if (needsChain) {
            NftNames.check(kind.keyword() + " target chain", chain);
        } else if (!chain.isEmpty()) {
            throw new IllegalArgumentException(kind.keyword() + " takes no chain, got \"" + chain + "\"");
        }
    }

    public static NftVerdict accept() {
        return new NftVerdict(Kind.ACCEPT, "");
    }

    public static NftVerdict drop() {
        return new NftVerdict(Kind.DROP, "");
    }

    public static NftVerdict ret() {
        return new NftVerdict(Kind.RETURN, "");
    }

    public static NftVerdict jump(String chain) {
        return new NftVerdict(Kind.JUMP, chain);
    }

    public static NftVerdict goTo(String chain) {
        return new NftVerdict(Kind.GOTO, chain);
    }

    @Override
    public String toString() {
        return chain.isEmpty() ? kind.keyword() : kind.keyword() + " " + chain;
    }
}
