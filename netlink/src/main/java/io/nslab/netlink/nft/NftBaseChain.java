package io.nslab.netlink.nft;

import java.util.Objects;

/**
 * What makes a chain a base chain: attached to a hook with a priority, of a type, with a policy.
 * {@code { type filter hook input priority 0; policy drop; }}
 *
 * @param type     filter, nat or route
 * @param hook     where packets enter the chain
 * @param priority order among the chains at the same hook, lower first (nft's {@code dstnat} is -100,
 *                 {@code filter} 0, {@code srcnat} 100)
 * @param policy   the verdict when no rule decides
 */
public record NftBaseChain(NftChainType type, NftHook hook, int priority, NftPolicy policy) {
    public static final int PRIORITY_DSTNAT = -100;
    public static final int PRIORITY_FILTER = 0;
    public static final int PRIORITY_SRCNAT = 100;

    public NftBaseChain {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String toString() {
        return "{ type " + type.keyword() + " hook " + hook.keyword() + " priority " + priority + "; policy "
                + policy.keyword() + "; }";
    }
}
