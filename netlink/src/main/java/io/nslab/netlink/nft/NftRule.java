package io.nslab.netlink.nft;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A rule: the expressions the kernel runs, in order, for each packet that reaches its chain. Build one from
 * matches and statements, with the dependencies {@code nft} adds, through {@link #in(NftTable, String)}:
 * <pre>{@code
 * NftRule ssh = NftRule.in(filter, "input")       // nft add rule ip filter input \
 *         .iifname("eth0")                        //   iifname "eth0"
 *         .saddr(IpPrefix.parse("10.0.0.0/24"))   //   ip saddr 10.0.0.0/24
 *         .dport(NftRuleBuilder.TCP, 22)          //   tcp dport 22
 *         .counter().accept()                     //   counter accept
 *         .build();
 * }</pre>
 *
 * @param table       the table of its chain
 * @param chain       the chain's name
 * @param expressions the expressions, in order
 */
public record NftRule(NftTable table, String chain, List<NftExpr> expressions) {
    public NftRule {
        Objects.requireNonNull(table, "table");
        NftNames.check("chain", chain);
        expressions = List.copyOf(expressions);
    }

    /** A builder of a rule for chain {@code chain} of {@code table}. */
    public static NftRuleBuilder in(NftTable table, String chain) {
        return new NftRuleBuilder(table, chain);
    }

    /** The same rule with every counter at zero, as it was installed: for comparing a rule read back after traffic. */
    public NftRule withCountersCleared() {
        return new NftRule(table, chain, expressions.stream()
                .map(e -> e instanceof NftExpr.Counter ? NftExpr.Counter.zero() : e).toList());
    }

    @Override
    public String toString() {
        return table + " " + chain + " " + expressions.stream().map(NftExpr::toString)
                .collect(Collectors.joining(" "));
    }
}
