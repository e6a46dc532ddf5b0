package io.nslab.fidelity;

import java.util.List;

/**
 * The choices a generated lab is made of, as small integers and booleans only: jqwik shrinks each of them
 * (and the lists) towards zero, and {@link BlueprintLab} turns any combination into a valid lab, so a shrunk
 * blueprint is still a lab — a smaller one. Indices are taken modulo what they index, which keeps every
 * combination meaningful while the lists shrink under them.
 */
public record Blueprint(List<NodeGene> nodes, List<LinkGene> links, List<RouteGene> routes, List<SysctlGene> sysctls,
                        List<RuleGene> rules) {

    public Blueprint {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        routes = List.copyOf(routes);
        sysctls = List.copyOf(sysctls);
        rules = List.copyOf(rules);
    }

    /**
     * One node.
     *
     * @param forwarding     {@code net.ipv4.ip_forward = 1}
     * @param rpFilter       {@code net.ipv4.conf.all.rp_filter}: 0 off, 1 strict, 2 loose
     * @param loopbackDown   {@code lo} left down
     * @param loopbackAddress an extra /32 on {@code lo} (10.255.0.N)
     * @param bridge         0 none; 1 a bridge {@code br0} that every link end of the node is a port of; 2 the same, left down
     * @param bridgeSubnet   the subnet of the bridge's own address
     * @param bridgeAddress  whether the bridge has an address
     * @param ipv6Forwarding {@code net.ipv6.conf.all.forwarding = 1}
     */
    public record NodeGene(boolean forwarding, int rpFilter, boolean loopbackDown, boolean loopbackAddress, int bridge,
                           int bridgeSubnet, boolean bridgeAddress, boolean ipv6Forwarding) {
    }

    /**
     * One veth pair.
     *
     * @param a      node index of one end
     * @param b      node index of the other end (the same node is allowed)
     * @param subnet 10.0.SUBNET.0 and fd00:SUBNET::
     * @param shape  0 and 1 /24, 2 /30, 3 /31, 4 /32 on both ends, 5 /16 (overlapping every /24 of 10.0.0.0/16)
     * @param hostA  host number of end a
     * @param hostB  host number of end b (for /30 and /31 the pair's other address instead)
     * @param ipv6   0 none, 1 /64, 2 /128
     * @param down   0 both up, 1 end a admin down (b loses carrier), 2 end b down, 3 both down
     */
    public record LinkGene(int a, int b, int subnet, int shape, int hostA, int hostB, int ipv6, int down) {
    }

    /**
     * One static route.
     *
     * @param node        node index
     * @param kind        0 via a gateway, 1 device only, 2 via any address with onlink, 3 blackhole, 4 unreachable, 5 prohibit
     * @param destination index into every prefix the lab's addresses suggest (subnets, hosts, halves, default, elsewhere)
     * @param gateway     index into the candidates: neighbours on connected subnets, or any address for onlink
     * @param metric      0 none, 1 metric 10, 2 metric 100
     */
    public record RouteGene(int node, int kind, int destination, int gateway, int metric) {
    }

    /**
     * One per-interface IPv4 sysctl.
     *
     * @param node  node index
     * @param iface index into the node's link ends
     * @param key   0 {@code forwarding}, 1 {@code rp_filter}
     * @param value taken modulo the key's range
     */
    public record SysctlGene(int node, int iface, int key, int value) {
    }

    /**
     * One firewall rule or chain policy of a node ({@link BlueprintFirewall} reads it).
     *
     * @param node    node index (a node with a bridge gets none: br_netfilter would pass bridged frames through them)
     * @param chain   0 forward, 1 input, 2 output (table inet filter), 3 postrouting and 4 prerouting (table ip nat),
     *                5 policy drop of forward, 6 policy drop of input
     * @param match   0 none, 1 ip saddr, 2 ip daddr, 3 iifname, 4 oifname, 5 tcp dport, 6 udp dport,
     *                7 icmp type echo-request, 8 ct state established,related, 9 ct state new, 10 meta l4proto icmpv6
     * @param param   index into what the match or the NAT target picks from (prefixes, interfaces, ports, addresses)
     * @param verdict 0 accept, 1 drop, 2 reject, 3 reject with icmpx admin-prohibited, 4 reject with icmpx
     *                host-unreachable, 5 reject with tcp reset, 6 counter only; in nat chains even masquerade or dnat,
     *                odd snat or dnat to a port
     */
    public record RuleGene(int node, int chain, int match, int param, int verdict) {
    }
}
