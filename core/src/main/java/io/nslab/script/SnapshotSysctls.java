package io.nslab.script;

import io.nslab.sim.SimNetwork;
import io.nslab.state.NamespaceState;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A namespace's sysctls as its snapshot holds them, every key, compared with a fresh namespace's key by key. */
final class SnapshotSysctls implements SysctlSource {
    private final Map<String, String> fresh = new HashMap<>(SimNetwork.freshSysctls()); // looked up once per key of every namespace
    private final Map<String, Map<String, String>> defaults = freshDefaults(fresh);

    @Override
    public Map<String, String> changed(NamespaceState ns) {
        Map<String, String> changed = new TreeMap<>();
        ns.sysctls().forEach((k, v) -> {
            if (!v.equals(freshValue(k))) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    @Override
    public Map<String, String> devicesForwarding(NamespaceState ns, String family) {
        String conf = "net." + family + ".conf.";
        Map<String, String> out = new TreeMap<>();
        ns.sysctls().forEach((k, v) -> {
            if (k.startsWith(conf) && k.endsWith(".forwarding") && !k.equals(conf + "all.forwarding")
                    && !k.equals(conf + "default.forwarding")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public String value(NamespaceState ns, String key) {
        return ns.sysctls().get(key);
    }

    /**
     * What a fresh namespace has for {@code key}; a per-interface key compares with conf.default, which a new interface
     * copies (looked up by family and name, without making the default's key: a star's hub has some 13,000 keys).
     */
    private String freshValue(String key) {
        // five dotted parts, net.FAMILY.conf.DEVICE.NAME, found without split
        int d1 = key.indexOf('.');
        int d2 = d1 < 0 ? -1 : key.indexOf('.', d1 + 1);
        int d3 = d2 < 0 ? -1 : key.indexOf('.', d2 + 1);
        int d4 = d3 < 0 ? -1 : key.indexOf('.', d3 + 1);
        if (d4 < 0 || key.indexOf('.', d4 + 1) >= 0 || d3 - d2 != 5 || !key.startsWith("conf", d2 + 1) || d1 != 3
                || !key.startsWith("net")) {
            return fresh.get(key);
        }
        // lo has values of its own from the kernel (accept_dad -1), which a fresh namespace shows under its own name
        if (isDevice(key, d3, d4, "all") || isDevice(key, d3, d4, "default") || isDevice(key, d3, d4, "lo")) {
            return fresh.get(key);
        }
        Map<String, String> family = defaults.get(key.substring(d1 + 1, d2));
        return family == null ? null : family.get(key.substring(d4 + 1));
    }

    private static boolean isDevice(String key, int d3, int d4, String dev) {
        return d4 - d3 - 1 == dev.length() && key.startsWith(dev, d3 + 1);
    }

    /** A fresh namespace's conf.default values, by family and then name. */
    private static Map<String, Map<String, String>> freshDefaults(Map<String, String> fresh) {
        Map<String, Map<String, String>> byFamily = new HashMap<>();
        fresh.forEach((k, v) -> {
            String[] p = k.split("\\.");
            if (p.length == 5 && p[2].equals("conf") && p[3].equals("default")) {
                byFamily.computeIfAbsent(p[1], f -> new HashMap<>()).put(p[4], v);
            }
        });
        return byFamily;
    }
}
