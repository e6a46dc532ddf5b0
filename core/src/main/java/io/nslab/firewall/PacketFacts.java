package io.nslab.firewall;

import io.nslab.model.IpAddress;

import java.util.Optional;

/**
 * What rules can see of a packet at a hook: addresses, protocol, ports (or the ICMP type), the interfaces it came
 * in and goes out on (where the hook has them), its conntrack state, and its length for counters.
 */
public record PacketFacts(IpAddress src, IpAddress dst, L4Proto protocol, int sport, int dport, Optional<IcmpType> icmpType,
                          Optional<String> iif, Optional<String> oif, ConnState state, int length) {

    public boolean v4() {
        return src.isV4();
    }
}
