package io.nslab.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The sysctls a network namespace's model holds: the simulator models exactly these, and a detailed snapshot of the
 * kernel reads exactly these, so that one can be loaded into the other.
 */
public final class SysctlKeys {
    private SysctlKeys() {
    }

    public static final List<String> GLOBAL = List.of("net.ipv4.ip_forward", "net.ipv4.ip_default_ttl",
            "net.ipv4.icmp_echo_ignore_all", "net.ipv4.icmp_echo_ignore_broadcasts");
    /** Keys of each {@code net.ipv4.conf.BLOCK} ({@code all}, {@code default}, a device). */
    public static final List<String> V4_CONF = List.of("forwarding", "rp_filter", "accept_local", "send_redirects",
            "accept_redirects", "proxy_arp", "log_martians", "arp_ignore", "arp_announce");
    /** Keys of each {@code net.ipv6.conf.BLOCK}. */
    public static final List<String> V6_CONF = List.of("forwarding", "disable_ipv6", "accept_dad", "accept_ra");

    /** Every modelled key of a namespace with these devices. */
    public static List<String> all(List<String> devices) {
        List<String> out = new ArrayList<>(GLOBAL);
        List<String> blocks = new ArrayList<>(List.of("all", "default"));
        blocks.addAll(devices);
        for (String b : blocks) {
            V4_CONF.forEach(k -> out.add("net.ipv4.conf." + b + "." + k));
            V6_CONF.forEach(k -> out.add("net.ipv6.conf." + b + "." + k));
        }
        return out;
    }
}
