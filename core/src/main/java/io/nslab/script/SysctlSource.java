package io.nslab.script;

import io.nslab.sim.SimNetwork;
import io.nslab.state.NamespaceState;

import java.util.Map;

/**
 * Where {@link LabExport} reads a namespace's sysctls: the values that differ from a fresh namespace's, and every
 * device's forwarding. From the snapshot's own maps ({@link SnapshotSysctls}), or, for the world as the script left
 * it, from the simulator ({@link #of(SimNetwork)}), which compares its values as ints and makes only those that
 * differ into text: a 1000-host star's snapshot with every key cost its import some 80 ms.
 */
interface SysctlSource {
    /**
     * The values that differ from a fresh namespace's, by dotted key, sorted: a device's compared with a fresh conf/default,
     * which a new device copies; conf/all's, conf/default's and conf/lo's with the same key.
     */
    Map<String, String> changed(NamespaceState ns);

    /** Every device's forwarding in {@code family} ("ipv4", "ipv6"), conf/all's and conf/default's aside, by dotted key. */
    Map<String, String> devicesForwarding(NamespaceState ns, String family);

    /** One value by dotted key; null for a key the namespace does not have. */
    String value(NamespaceState ns, String key);

    /** The sysctls of {@code net}'s namespaces as they are now (a snapshot's maps may then be empty). */
    static SysctlSource of(SimNetwork net) {
        return new SysctlSource() {
            @Override
            public Map<String, String> changed(NamespaceState ns) {
                return net.sysctlsChanged(ns.netns());
            }

            @Override
            public Map<String, String> devicesForwarding(NamespaceState ns, String family) {
                return net.devicesForwarding(ns.netns(), family);
            }

            @Override
            public String value(NamespaceState ns, String key) {
                return net.sysctl(ns.netns(), key).orElse(null);
            }
        };
    }
}
