package io.nslab.explain;

import io.nslab.kernel.KernelNetwork;
import io.nslab.model.NamespaceRef;
import io.nslab.netlink.nft.NftRuleset;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The host's state that can drop a lab's packets where they cross it, read (never written) from the host's own
 * namespace: its nf_tables ruleset (through nf_tables netlink dumps; iptables-nft's tables and Docker's chains are
 * nf_tables too), the forwarding and rp_filter switches, and bridge netfilter's {@code bridge-nf-call-iptables}, which exists only
 * where br_netfilter is loaded.
 *
 * @param ruleset  the host's nf_tables ruleset
 * @param ifnames  the host's device names by index, for {@code iif}/{@code oif} rules
 * @param masters  each host device that is a bridge port, with its bridge
 * @param sysctls  the {@code net.*} sysctls read (slash form, {@code net/ipv4/ip_forward}); a missing one is absent
 */
public record HostState(NftRuleset ruleset, IntFunction<Optional<String>> ifnames, Map<String, String> masters,
                        Map<String, String> sysctls) {

    public static final String IP_FORWARD = "net/ipv4/ip_forward";
    public static final String BRIDGE_NF_CALL_IPTABLES = "net/bridge/bridge-nf-call-iptables";

    public HostState {
        masters = Map.copyOf(masters);
        sysctls = Map.copyOf(sysctls);
    }

    public static final String RP_FILTER_ALL = "net/ipv4/conf/all/rp_filter";

    /** {@code net/ipv4/conf/DEV/rp_filter} */
    public static String rpFilter(String dev) {
        return "net/ipv4/conf/" + dev + "/rp_filter";
    }

    /** {@code net/ipv4/conf/DEV/forwarding} */
    public static String forwarding(String dev) {
        return "net/ipv4/conf/" + dev + "/forwarding";
    }

    public Optional<String> sysctl(String key) {
        return Optional.ofNullable(sysctls.get(key));
    }

    /** True when bridged IPv4 frames pass the host's IP hooks (br_netfilter loaded and its switch on). */
    public boolean bridgeCallsIptables() {
        return sysctl(BRIDGE_NF_CALL_IPTABLES).map("1"::equals).orElse(false);
    }

    /** Reads the host's state: the ruleset, its devices and their bridges, and the switches of {@code devices}. */
    public static HostState read(KernelNetwork kernel, List<String> devices) {
        NftRuleset ruleset = kernel.nftRuleset(NamespaceRef.HOST);
        IntFunction<Optional<String>> ifnames = kernel.deviceNames(NamespaceRef.HOST);
        Map<String, String> masters = new HashMap<>();
        for (NamespaceState ns : kernel.snapshot(List.of(NamespaceRef.HOST)).namespaces()) {
            for (LinkState l : ns.links()) {
                l.master().ifPresent(m -> masters.put(l.name().value(), m.value()));
            }
        }
        Map<String, String> sysctls = new HashMap<>();
        List<String> keys = new java.util.ArrayList<>(List.of(IP_FORWARD, BRIDGE_NF_CALL_IPTABLES, RP_FILTER_ALL));
        devices.forEach(d -> {
            keys.add(forwarding(d));
            keys.add(rpFilter(d));
        });
        for (String key : keys) {
            try {
                sysctls.put(key, kernel.readSysctl(NamespaceRef.HOST, key));
            } catch (RuntimeException e) {
                // absent: br_netfilter not loaded, or a device gone meanwhile
            }
        }
        return new HostState(ruleset, ifnames, masters, sysctls);
    }
}
