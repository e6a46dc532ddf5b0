package io.nslab.sim;

import io.nslab.explain.Disposition;
import io.nslab.firewall.ConnState;
import io.nslab.firewall.Policy;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;

/**
 * The fix for a packet a firewall stopped, in nft's words: replies and ICMP errors need the established,related rule
 * of a stateful firewall; a new packet needs an accept for its source network before the rule or policy that
 * stopped it.
 */
final class FirewallFix {
    private FirewallFix() {
    }

    static String advise(SimNetwork net, Disposition.Filtered x, String node) {
        String chain = "chain " + x.by().chain().name() + " (table " + x.by().table().label() + ") on " + node;
        String allow;
        if (x.state() == ConnState.UNTRACKED) {
            // the only untracked packets the simulator sends: IPv6 neighbour discovery
            allow = "allow neighbour discovery with `icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept` in " + chain;
        } else if (x.state() == ConnState.ESTABLISHED || x.state() == ConnState.RELATED) {
            allow = "allow replies with `ct state established,related accept` at the top of " + chain;
        } else {
            allow = "allow `" + (x.source().isV4() ? "ip" : "ip6") + " saddr " + sourceNetwork(net, x.source()) + "` in " + chain
                    + " (the rule `" + (x.source().isV4() ? "ip" : "ip6") + " saddr " + sourceNetwork(net, x.source()) + " accept`"
                    + (x.by().rule().isPresent() ? " before rule " + x.by().position() : "") + ")";
        }
        if (x.by().rule().isEmpty()) {
            return allow + ", or change the policy to " + Policy.ACCEPT.word();
        }
        return allow + ", or delete rule " + x.by().position() + " (`" + x.by().rule().get().text(x.by().table().family()) + "`)";
    }

    /** The network of the interface that owns {@code a} somewhere in the simulation, else the address itself. */
    private static String sourceNetwork(SimNetwork net, IpAddress a) {
        for (SimNamespace ns : net.namespaces()) {
            for (SimAddress own : ns.addresses) {
                if (own.address().equals(a) && !own.dev().isLoopback()) {
                    IpPrefix n = own.prefix().network();
                    return n.isHost() ? a.toString() : n.toString();
                }
            }
        }
        return a.toString();
    }
}
