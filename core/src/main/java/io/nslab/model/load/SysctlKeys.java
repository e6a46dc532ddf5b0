package io.nslab.model.load;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network sysctls a lab may set, with the values each accepts. Kept to what both
 * worlds understand: a key the simulator could not model is refused rather than ignored.
 */
final class SysctlKeys {
    record Range(long min, long max) {
    }

    private static final Map<String, Range> GLOBAL = Map.of(
            "net.ipv4.ip_forward", new Range(0, 1),
            "net.ipv4.ip_default_ttl", new Range(1, 255),
            "net.ipv4.icmp_echo_ignore_all", new Range(0, 1),
            "net.ipv4.icmp_echo_ignore_broadcasts", new Range(0, 1));

    private static final Map<String, Range> IPV4_CONF = Map.of(
            "forwarding", new Range(0, 1),
            "rp_filter", new Range(0, 2),
            "accept_local", new Range(0, 1),
            "send_redirects", new Range(0, 1),
            "accept_redirects", new Range(0, 1),
            "proxy_arp", new Range(0, 1),
            "arp_ignore", new Range(0, 8),
            "arp_announce", new Range(0, 2),
            "log_martians", new Range(0, 1));

    private static final Map<String, Range> IPV6_CONF = Map.of(
            "forwarding", new Range(0, 1),
            "disable_ipv6", new Range(0, 1),
            "accept_dad", new Range(0, 2),
            "accept_ra", new Range(0, 2));

    private static final Pattern CONF = Pattern.compile("net\\.(ipv4|ipv6)\\.conf\\.([^.]+)\\.([a-z_0-9]+)");

    private SysctlKeys() {
    }

    /** {@code net/ipv4/ip_forward} and {@code net.ipv4.ip_forward} are the same key. */
    static String normalize(String key) {
        return key.replace('/', '.');
    }

    /** The interface a per-interface key names ({@code v1} in {@code net.ipv4.conf.v1.forwarding}), if any. */
    static Optional<String> interfaceOf(String key) {
        Matcher m = CONF.matcher(key);
        if (m.matches() && !m.group(2).equals("all") && !m.group(2).equals("default")) {
            return Optional.of(m.group(2));
        }
        return Optional.empty();
    }

    /** Why {@code key = value} cannot be set, or null when it is fine. */
    static String problem(String key, String value) {
        Range range = GLOBAL.get(key);
        if (range == null) {
            Matcher m = CONF.matcher(key);
            if (m.matches()) {
                Map<String, Range> conf = m.group(1).equals("ipv4") ? IPV4_CONF : IPV6_CONF;
                range = conf.get(m.group(3));
                if (range == null) {
                    String prefix = "net." + m.group(1) + ".conf." + m.group(2) + ".";
                    return "unsupported sysctl \"" + key + "\"" + Suggestions.closest(m.group(3), conf.keySet())
                            .map(s -> " (did you mean \"" + prefix + s + "\"?)").orElse("");
                }
            } else {
                return "unsupported sysctl \"" + key + "\"" + Suggestions.hint(key, known())
                        + "; nslab sets net.ipv4.ip_forward, net.ipv4.ip_default_ttl, net.ipv4.icmp_echo_ignore_*, "
                        + "net.ipv4.conf.IF.{" + String.join(",", IPV4_CONF.keySet().stream().sorted().toList()) + "} and "
                        + "net.ipv6.conf.IF.{" + String.join(",", IPV6_CONF.keySet().stream().sorted().toList()) + "}";
            }
        }
        if (!value.matches("-?[0-9]{1,10}")) {
            return "sysctl " + key + " takes a number " + range.min + ".." + range.max + ", not \"" + value + "\"";
        }
        long v = Long.parseLong(value);
        if (v < range.min || v > range.max) {
            return "sysctl " + key + " takes " + range.min + ".." + range.max + ", not " + value;
        }
        return null;
    }

    private static Set<String> known() {
        Set<String> s = new java.util.HashSet<>(GLOBAL.keySet());
        for (String k : IPV4_CONF.keySet()) {
            s.add("net.ipv4.conf.all." + k);
        }
        for (String k : IPV6_CONF.keySet()) {
            s.add("net.ipv6.conf.all." + k);
        }
        return s;
    }
}
