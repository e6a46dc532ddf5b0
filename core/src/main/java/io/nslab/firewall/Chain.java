package io.nslab.firewall;

import java.util.List;
import java.util.Optional;

/** A chain: a base chain attached to a hook, or a regular chain reached by jump and goto. */
public record Chain(String name, Optional<BaseChain> base, List<Rule> rules) {

    public Chain {
        rules = List.copyOf(rules);
    }

    public static Chain base(String name, ChainType type, Hook hook, Policy policy, List<Rule> rules) {
        return new Chain(name, Optional.of(new BaseChain(type, hook, Priority.standard(type, hook), policy)), rules);
    }

    public static Chain regular(String name, List<Rule> rules) {
        return new Chain(name, Optional.empty(), rules);
    }
}
