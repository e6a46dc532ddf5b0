package io.nslab.model.load;

import java.util.List;
import java.util.Map;

/**
 * A node's {@code firewall:} as written: the concise filter chains (input, forward, output), the concise NAT lists
 * (nat: source NAT at postrouting, dnat: destination NAT at prerouting), and complete tables.
 */
record RawFirewall(Position position, Map<String, Chain> filter, List<Located<String>> nat, List<Located<String>> dnat,
                   List<Table> tables) {

    /** {@code forward: {policy: drop, stateful: true, allow: [...], rules: [...]}} */
    record Chain(Located<String> name, Located<String> policy, Located<Boolean> stateful, List<Located<String>> allow,
                 List<Located<String>> rules) {
    }

    /** {@code "inet filter": {CHAIN: {...}}} */
    record Table(Located<String> key, List<TableChain> chains) {
    }

    record TableChain(Located<String> name, Position position, Located<String> type, Located<String> hook, Located<String> priority,
                      Located<String> policy, List<Located<String>> rules) {
    }
}
