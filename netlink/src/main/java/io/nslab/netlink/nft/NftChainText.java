package io.nslab.netlink.nft;

import java.util.List;

/**
 * A base chain's header in {@code nft}'s words, as {@code nft list ruleset} prints it:
 * {@code type filter hook input priority filter; policy drop;}. Priorities within 10 of a standard one valid at the
 * hook print by its name ({@code raw}, {@code mangle}, {@code dstnat} at prerouting, {@code filter},
 * {@code security}, {@code srcnat} at postrouting) with the offset, others as numbers, as nft 1.0.6 does for the ip,
 * ip6 and inet families; other families print numbers.
 */
public final class NftChainText {
    private record Standard(String name, int priority, NftHook onlyAt) {
    }

    private static final List<Standard> STANDARD = List.of(
            new Standard("raw", -300, null), new Standard("mangle", -150, null),
            new Standard("dstnat", -100, NftHook.PREROUTING), new Standard("filter", 0, null),
            new Standard("security", 50, null), new Standard("srcnat", 100, NftHook.POSTROUTING));

    private NftChainText() {
    }

    /** The header of a base chain; empty for a regular chain, which nft lists without one. */
    public static String of(NftChain chain) {
        return chain.base().map(b -> "type " + b.type().keyword() + " hook " + b.hook().keyword() + " priority "
                + priority(chain.table().family(), b.hook(), b.priority()) + "; policy " + b.policy().keyword() + ";")
                .orElse("");
    }

    /** A priority as nft names it: {@code filter}, {@code filter - 5}, {@code srcnat + 10}, or {@code 25}. */
    public static String priority(NftFamily family, NftHook hook, int priority) {
        if (family == NftFamily.IP || family == NftFamily.IP6 || family == NftFamily.INET) {
            for (Standard s : STANDARD) {
                int offset = priority - s.priority();
                if ((s.onlyAt() == null || s.onlyAt() == hook) && Math.abs(offset) <= 10) {
                    return s.name() + (offset == 0 ? "" : offset > 0 ? " + " + offset : " - " + -offset);
                }
            }
        }
        return Integer.toString(priority);
    }
}
