package io.nslab.script;

import io.nslab.firewall.Rule;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The iptables form of the rules iptables made, by rule identity: the nf_tables rule alone cannot say it back
 * ({@code -m state} and {@code -m conntrack} make the same {@code ct state}), and nft lists iptables-nft's rules
 * as their xtables extensions translate, not as its own rules print.
 */
final class FirewallOrigins {
    private final Map<Rule, IptRule> origins = new IdentityHashMap<>();

    void put(Rule rule, IptRule origin) {
        origins.put(rule, origin);
    }

    Optional<IptRule> of(Rule rule) {
        return Optional.ofNullable(origins.get(rule));
    }
}
