package io.nslab.netlink.nft;

import java.util.Objects;

/**
 * A rule as the kernel holds it: its content and the handle that positions and deletes it
 * ({@code nft -a list chain ...} shows it as {@code # handle N}).
 *
 * @param rule   the rule, counters as the kernel counted them
 * @param handle the rule's handle, unique within its table
 */
public record NftInstalledRule(NftRule rule, long handle) {
    public NftInstalledRule {
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return rule + " # handle " + handle;
    }
}
