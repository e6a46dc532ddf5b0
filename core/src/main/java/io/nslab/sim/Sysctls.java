package io.nslab.sim;

import io.nslab.netlink.Errno;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The network sysctls of one namespace: globals ({@code net.ipv4.ip_forward}) and per-device
 * {@code conf} blocks for {@code all}, {@code default} and each interface. A new interface copies
 * {@code default}; writing {@code ip_forward} or {@code conf.all.forwarding} rewrites every block,
 * as devinet's inet_forward_change does.
 */
final class Sysctls {
    /** The values of a namespace's {@code conf/all} and {@code conf/default} as the project's hosts give them. */
    // the keys are io.nslab.state.SysctlKeys', which a detailed kernel snapshot reads
    static final ConfBlock V4_CONF_DEFAULTS = ConfBlock.of(io.nslab.state.SysctlKeys.V4_CONF, 0, 0, 0, 1, 1, 0, 0, 0, 0);
    static final ConfBlock V6_CONF_DEFAULTS = ConfBlock.of(io.nslab.state.SysctlKeys.V6_CONF, 0, 0, 1, 1);
    static final Map<String, Integer> GLOBAL_DEFAULTS = defaults(io.nslab.state.SysctlKeys.GLOBAL, 0, 64, 0, 1);
    static final Map<String, int[]> RANGES = Map.ofEntries(Map.entry("rp_filter", new int[] {0, 2}),
            Map.entry("arp_ignore", new int[] {0, 8}), Map.entry("arp_announce", new int[] {0, 2}),
            Map.entry("accept_dad", new int[] {0, 2}), Map.entry("accept_ra", new int[] {0, 2}),
            Map.entry("net.ipv4.ip_default_ttl", new int[] {1, 255}));

    private final Map<String, Integer> global = new LinkedHashMap<>(GLOBAL_DEFAULTS);
    /** The two global values every packet reads, as ints: a field read, not a map lookup, per packet. */
    private int defaultTtl = GLOBAL_DEFAULTS.get("net.ipv4.ip_default_ttl");
    private int echoIgnoreAll = GLOBAL_DEFAULTS.get("net.ipv4.icmp_echo_ignore_all");
    /** conf blocks by family ("ipv4"/"ipv6") then device name ("all", "default", "v1"). */
    private final Map<String, Map<String, ConfBlock>> conf = new TreeMap<>();
    /**
     * Whether {@link #changedFrom} a fresh namespace's is known to be empty without a look at the values: nothing
     * written, no device renamed, no loopback but lo and no device with a dot in its name (whose keys name none of a
     * fresh namespace's); each device's block is then a copy of an untouched conf/default.
     */
    private boolean pristine = true;

    Sysctls() {
        for (String fam : List.of("ipv4", "ipv6")) {
            ConfBlock base = fam.equals("ipv4") ? V4_CONF_DEFAULTS : V6_CONF_DEFAULTS;
            Map<String, ConfBlock> blocks = new LinkedHashMap<>();
            blocks.put("all", base.copy());
            blocks.put("default", base.copy());
            conf.put(fam, blocks);
        }
        // the kernel's ipv6_devconf ("all") has accept_dad 0, its ipv6_devconf_dflt 1 *seen* (6.18, read back)
        conf.get("ipv6").get("all").put("accept_dad", 0);
    }

    private static Map<String, Integer> defaults(List<String> keys, int... values) { // the globals
        if (keys.size() != values.length) {
            throw new IllegalStateException("a default for each modelled key: " + keys);
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(keys.get(i), values[i]);
        }
        return m;
    }

    void addDevice(String dev) {
        touched();
        pristine &= dev.indexOf('.') < 0;
        for (Map<String, ConfBlock> blocks : conf.values()) {
            blocks.put(dev, blocks.get("default").copy());
        }
    }

    /** addrconf gives a loopback device accept_dad -1: it never runs duplicate address detection. *seen* (6.18) */
    void loopbackAdded(String dev) {
        pristine &= dev.equals("lo");
        conf.get("ipv6").get(dev).put("accept_dad", -1);
    }

    void removeDevice(String dev) {
        for (Map<String, ConfBlock> blocks : conf.values()) {
            blocks.remove(dev);
        }
    }

    void renameDevice(String from, String to) {
        touched();
        pristine = false;
        for (Map<String, ConfBlock> blocks : conf.values()) {
            blocks.put(to, blocks.remove(from));
        }
    }

    int conf(String family, String dev, String key) {
        ConfBlock block = conf.get(family).get(dev);
        return block == null ? 0 : block.get(key, 0);
    }

    int global(String key) {
        return key.equals("net.ipv4.icmp_echo_ignore_all") ? echoIgnoreAll : global.get(key);
    }

    private static final java.util.concurrent.atomic.AtomicLong STAMPS = new java.util.concurrent.atomic.AtomicLong(1);
    private long stamp = STAMPS.getAndIncrement();

    /** A device's effective IPv4 switches as ints, recomputed only after a sysctl or device change (hot path). */
    record LinkConf(boolean forwarding, int rpFilter, boolean acceptLocal, boolean sendRedirects, int arpAnnounce,
                    boolean proxyArp) {
    }

    LinkConf linkConf(SimLink dev) {
        if (dev.confStamp != stamp || dev.conf == null) {
            String d = dev.name.value();
            dev.conf = new LinkConf(conf("ipv4", d, "forwarding") == 1,
                    Math.max(conf("ipv4", "all", "rp_filter"), conf("ipv4", d, "rp_filter")),
                    conf("ipv4", "all", "accept_local") == 1 || conf("ipv4", d, "accept_local") == 1,
                    conf("ipv4", "all", "send_redirects") == 1 || conf("ipv4", d, "send_redirects") == 1,
                    Math.max(conf("ipv4", "all", "arp_announce"), conf("ipv4", d, "arp_announce")),
                    conf("ipv4", "all", "proxy_arp") == 1 || conf("ipv4", d, "proxy_arp") == 1);
            dev.confStamp = stamp;
        }
        return dev.conf;
    }

    private void touched() {
        stamp = STAMPS.getAndIncrement();
    }

    /** IN_DEV_FORWARD: forwarding is decided by the ingress device's own flag. */
    boolean forwarding(SimLink dev) {
        return linkConf(dev).forwarding();
    }

    /**
     * ip6_forward: IPv6 forwards by conf/all's switch alone; a device's own decides nothing here *seen* (6.18: conf/all 0
     * with both interfaces' 1 forwards nothing, conf/all 1 with the incoming interface's 0 forwards; corpus script 84).
     */
    boolean forwardingV6(SimLink dev) {
        return conf("ipv6", "all", "forwarding") == 1;
    }

    /** IN_DEV_RPFILTER: the maximum of conf/all and conf/DEV. */
    int rpFilter(SimLink dev) {
        return linkConf(dev).rpFilter();
    }

    /** IN_DEV_ORCONF: on when either conf/all or conf/DEV is on. */
    boolean either(SimLink dev, String key) {
        return switch (key) {
            case "accept_local" -> linkConf(dev).acceptLocal();
            case "send_redirects" -> linkConf(dev).sendRedirects();
            case "proxy_arp" -> linkConf(dev).proxyArp();
            default -> conf("ipv4", "all", key) == 1 || conf("ipv4", dev.name.value(), key) == 1;
        };
    }

    int defaultTtl() {
        return defaultTtl;
    }

    /**
     * Writes {@code key}; returns the reason the kernel refuses, if any: ENOENT for a key that does not
     * exist here, EINVAL for a value out of range.
     */
    Optional<Errno> set(String key, String value) {
        try {
            return write(key, value);
        } finally {
            defaultTtl = global.get("net.ipv4.ip_default_ttl");
            echoIgnoreAll = global.get("net.ipv4.icmp_echo_ignore_all");
        }
    }

    private Optional<Errno> write(String key, String value) {
        touched();
        pristine = false;
        String k = key.replace('/', '.');
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Errno.EINVAL);
        }
        if (global.containsKey(k)) {
            if (!inRange(k, v)) {
                return Optional.of(Errno.EINVAL);
            }
            global.put(k, v);
            if (k.equals("net.ipv4.ip_forward")) {
                forwardChange(v);
            }
            return Optional.empty();
        }
        String[] parts = k.split("\\.");
        if (parts.length != 5 || !parts[0].equals("net") || !parts[2].equals("conf") || !conf.containsKey(parts[1])) {
            return Optional.of(Errno.ENOENT);
        }
        ConfBlock block = conf.get(parts[1]).get(parts[3]);
        if (block == null || !block.has(parts[4])) {
            return Optional.of(Errno.ENOENT);
        }
        if (!inRange(parts[4], v)) {
            return Optional.of(Errno.EINVAL);
        }
        if (parts[1].equals("ipv4") && parts[3].equals("all") && parts[4].equals("forwarding")) {
            forwardChange(v);
            return Optional.empty();
        }
        if (parts[1].equals("ipv6") && parts[3].equals("all") && parts[4].equals("forwarding")) {
            // addrconf_fixup_forwarding: conf/all's value goes to conf/default and to every device's *seen* (6.18)
            for (ConfBlock b : conf.get("ipv6").values()) {
                b.put("forwarding", v);
            }
            return Optional.empty();
        }
        block.put(parts[4], v);
        return Optional.empty();
    }

    private static boolean inRange(String key, int v) {
        int[] r = RANGES.getOrDefault(key, new int[] {0, 1});
        return v >= r[0] && v <= r[1];
    }

    private void forwardChange(int v) {
        global.put("net.ipv4.ip_forward", v);
        for (ConfBlock block : conf.get("ipv4").values()) {
            block.put("forwarding", v);
        }
        // inet_forward_change: a router does not accept redirects *seen* (6.18: all.accept_redirects 0 after ip_forward=1)
        conf.get("ipv4").get("all").put("accept_redirects", v == 0 ? 1 : 0);
    }

    /**
     * Every value by its file below /proc/sys/net ({@code ipv4/ip_forward}, {@code ipv4/conf/eth0/rp_filter}): unlike
     * the dotted key, the path keeps a device name with a dot in it apart.
     */
    Map<String, String> files() {
        Map<String, String> out = new TreeMap<>();
        global.forEach((k, v) -> out.put(k.substring("net.".length()).replace('.', '/'), Integer.toString(v)));
        conf.forEach((fam, blocks) -> blocks.forEach((dev, block) -> {
            for (int i = 0; i < block.size(); i++) {
                out.put(fam + "/conf/" + dev + "/" + block.key(i), Integer.toString(block.value(i)));
            }
        }));
        return out;
    }

    /** One value by dotted key, as {@link #all()} has it. */
    Optional<String> value(String key) {
        Integer g = global.get(key);
        if (g != null) {
            return Optional.of(Integer.toString(g));
        }
        String[] parts = key.split("\\.");
        if (parts.length != 5 || !parts[0].equals("net") || !parts[2].equals("conf") || !conf.containsKey(parts[1])) {
            return Optional.empty();
        }
        ConfBlock block = conf.get(parts[1]).get(parts[3]);
        return block == null || !block.has(parts[4]) ? Optional.empty() : Optional.of(Integer.toString(block.get(parts[4], 0)));
    }

    /** Every value, by dotted key, for snapshots. */
    Map<String, String> all() {
        Map<String, String> out = new TreeMap<>();
        global.forEach((k, v) -> out.put(k, text(v)));
        // a block's prefix made once: a star's hub has a thousand blocks of a dozen keys each
        conf.forEach((fam, blocks) -> blocks.forEach((dev, block) -> {
            String prefix = "net." + fam + ".conf." + dev + ".";
            for (int i = 0; i < block.size(); i++) {
                out.put(prefix + block.key(i), text(block.value(i)));
            }
        }));
        return out;
    }

    /**
     * The values that differ from {@code fresh}'s, by dotted key, sorted, as a lab file writes them: a global, and
     * conf/all's, conf/default's and conf/lo's keys against the same key in {@code fresh}; any other device's against
     * {@code fresh}'s conf/default, which a new device copies. A device whose name has a dot in it gives keys of six
     * dotted parts, which name no key of {@code fresh}: all of them differ. Compared as ints, and only what differs made
     * into text: a star's hub has some 13,000 keys, nearly all as fresh.
     */
    Map<String, String> changedFrom(Sysctls fresh) {
        Map<String, String> out = new TreeMap<>();
        if (pristine && fresh.pristine) {
            return out; // a star's thousand hosts: no key looked at
        }
        global.forEach((k, v) -> {
            if (!v.equals(fresh.global.get(k))) {
                out.put(k, text(v));
            }
        });
        conf.forEach((fam, blocks) -> {
            Map<String, ConfBlock> freshBlocks = fresh.conf.get(fam);
            blocks.forEach((dev, block) -> {
                // a dotted device's keys name no key of fresh's: compared with nothing, all of them differ
                ConfBlock base = dev.indexOf('.') >= 0 ? null
                        : freshBlocks.get(dev.equals("all") || dev.equals("default") || dev.equals("lo") ? dev : "default");
                String prefix = null;
                for (int i = 0; i < block.size(); i++) {
                    int v = block.value(i);
                    if (base == null || v != base.value(i)) { // one family's blocks: the same keys, in the same order
                        prefix = prefix == null ? "net." + fam + ".conf." + dev + "." : prefix;
                        out.put(prefix + block.key(i), text(v));
                    }
                }
            });
        });
        return out;
    }

    /** Every device's {@code forwarding} in {@code family} ("ipv4", "ipv6"), conf/all's and conf/default's aside, by dotted key. */
    Map<String, String> devicesForwarding(String family) {
        Map<String, String> out = new TreeMap<>();
        conf.get(family).forEach((dev, block) -> {
            if (block.has("forwarding") && !dev.equals("all") && !dev.equals("default")) {
                out.put("net." + family + ".conf." + dev + ".forwarding", text(block.get("forwarding", 0)));
            }
        });
        return out;
    }

    private static final String[] SMALL = {"-1", "0", "1", "2"};

    /** A value's text; the few values nearly every key has are not made again each time. */
    private static String text(int v) {
        return v >= -1 && v <= 2 ? SMALL[v + 1] : Integer.toString(v);
    }
}
