package io.nslab.netlink.nft;

import java.util.Map;

/** The names {@code nft} prints for numbers: ICMP types, reject codes, layer-4 protocols (as nft 1.0.6 lists them). */
final class NftSymbols {
    static final Map<Integer, String> ICMP_TYPES = Map.ofEntries(
            Map.entry(0, "echo-reply"), Map.entry(3, "destination-unreachable"), Map.entry(4, "source-quench"),
            Map.entry(5, "redirect"), Map.entry(8, "echo-request"), Map.entry(9, "router-advertisement"),
            Map.entry(10, "router-solicitation"), Map.entry(11, "time-exceeded"), Map.entry(12, "parameter-problem"),
            Map.entry(13, "timestamp-request"), Map.entry(14, "timestamp-reply"), Map.entry(15, "info-request"),
            Map.entry(16, "info-reply"), Map.entry(17, "address-mask-request"), Map.entry(18, "address-mask-reply"));

    static final Map<Integer, String> ICMPV6_TYPES = Map.ofEntries(
            Map.entry(1, "destination-unreachable"), Map.entry(2, "packet-too-big"), Map.entry(3, "time-exceeded"),
            Map.entry(4, "parameter-problem"), Map.entry(128, "echo-request"), Map.entry(129, "echo-reply"),
            Map.entry(130, "mld-listener-query"), Map.entry(131, "mld-listener-report"),
            Map.entry(132, "mld-listener-done"), Map.entry(133, "nd-router-solicit"),
            Map.entry(134, "nd-router-advert"), Map.entry(135, "nd-neighbor-solicit"),
            Map.entry(136, "nd-neighbor-advert"), Map.entry(137, "nd-redirect"), Map.entry(138, "router-renumbering"),
            Map.entry(141, "ind-neighbor-solicit"), Map.entry(142, "ind-neighbor-advert"),
            Map.entry(143, "mld2-listener-report"));

    static final Map<Integer, String> ICMP_REJECT = Map.of(0, "net-unreachable", 1, "host-unreachable",
            2, "prot-unreachable", 3, "port-unreachable", 9, "net-prohibited", 10, "host-prohibited",
            13, "admin-prohibited");

    static final Map<Integer, String> ICMPV6_REJECT = Map.of(0, "no-route", 1, "admin-prohibited",
            3, "addr-unreachable", 4, "port-unreachable", 5, "policy-fail", 6, "reject-route");

    static final Map<Integer, String> ICMPX_REJECT = Map.of(0, "no-route", 1, "port-unreachable",
            2, "host-unreachable", 3, "admin-prohibited");

    static final Map<Integer, String> PROTOCOLS = Map.of(1, "icmp", 2, "igmp", 6, "tcp", 17, "udp", 47, "gre",
            50, "esp", 51, "ah", 58, "ipv6-icmp", 132, "sctp", 136, "udplite");

    private NftSymbols() {
    }

    static String name(Map<Integer, String> names, int value) {
        return names.getOrDefault(value, Integer.toString(value));
    }
}
