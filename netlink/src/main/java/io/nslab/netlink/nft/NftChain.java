package io.nslab.netlink.nft;

import java.util.Objects;
import java.util.Optional;

/**
 * A chain of a table: a base chain, attached to a hook, or a regular chain that rules jump to.
 *
 * @param table the table it belongs to
 * @param name  its name
 * @param base  the hook, priority, type and policy of a base chain; empty for a regular chain
 */
public record NftChain(NftTable table, String name, Optional<NftBaseChain> base) {
    public NftChain {
        Objects.requireNonNull(table, "table");
        NftNames.check("chain", name);
        Objects.requireNonNull(base, "base");
    }

    /** {@code add chain FAMILY TABLE NAME} */
    public static NftChain regular(NftTable table, String name) {
        return new NftChain(table, name, Optional.empty());
    }

    /** {@code add chain FAMILY TABLE NAME { type TYPE hook HOOK priority PRIORITY; policy POLICY; }} */
    public static NftChain base(NftTable table, String name, NftChainType type, NftHook hook, int priority,
            NftPolicy policy) {
        return new NftChain(table, name, Optional.of(new NftBaseChain(type, hook, priority, policy)));
    }

    public boolean isBase() {
        return base.isPresent();
    }

    @Override
    public String toString() {
        return table + " " + name + base.map(b -> " " + b).orElse("");
    }
}
