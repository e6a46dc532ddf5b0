package io.nslab.script;

import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ethtool -k DEV}: the offload features of a veth or a bridge as this kernel lists them (the lists in
 * ethtool-k-veth.txt and ethtool-k-bridge.txt were printed by the real ethtool here; another kernel version has
 * other features), with what {@code ethtool -K} switched off on a veth, and the features that went with them: the
 * TCP and UDP segmentation offloads need the checksum offloads ({@code tx}), segmentation needs scatter-gather
 * ({@code sg}); a feature dropped so is shown {@code off [requested on]}. A bridge's list follows its ports': with
 * a port, it loses tx-gso-robust and tx-fcoe-segmentation, which a veth lacks.
 */
final class EthtoolFeatures {
    /** The marker {@link EthtoolCommand} keeps for {@code gro on}: a veth's GRO is off until asked. */
    static final String GRO_ON = "+gro";

    private static final List<String> TCP = List.of("tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation",
            "tx-tcp6-segmentation");

    private EthtoolFeatures() {
    }

    /** The listing, or null when this device's is not simulated (loopback, a bridge whose ports changed theirs). */
    static String listing(Invocation inv, LinkState l) {
        Map<String, String> f = switch (l.kind()) {
            case VETH -> veth(inv.world().extras().offloadsOff(inv.netns(), l.index()));
            case BRIDGE -> bridge(inv, l);
            case LOOPBACK, OTHER -> null;
        };
        if (f == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("Features for " + l.name().value() + ":\n");
        f.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static Map<String, String> veth(Set<String> off) {
        Map<String, String> f = base("veth");
        boolean tso = off.contains("tso");
        if (off.contains("rx")) {
            f.put("rx-checksumming", "off");
        }
        if (off.contains("tx")) {
            for (String k : List.of("tx-checksumming", "\ttx-checksum-ip-generic", "\ttx-checksum-sctp")) {
                f.put(k, "off");
            }
            TCP.forEach(k -> f.put("\t" + k, tso ? "off" : "off [requested on]"));
            f.put("tx-udp-segmentation", "off [requested on]");
        }
        if (off.contains("sg")) {
            for (String k : List.of("scatter-gather", "\ttx-scatter-gather", "\ttx-scatter-gather-fraglist")) {
                f.put(k, "off");
            }
            TCP.forEach(k -> f.put("\t" + k, tso ? "off" : "off [requested on]"));
            f.put("generic-segmentation-offload", off.contains("gso") ? "off" : "off [requested on]");
        }
        if (tso) {
            f.put("tcp-segmentation-offload", "off");
            TCP.forEach(k -> f.put("\t" + k, "off"));
            f.put("\ttx-tcp-accecn-segmentation", "off");
        }
        if (off.contains("gso")) {
            f.put("generic-segmentation-offload", "off");
        }
        if (off.contains(GRO_ON)) {
            f.put("generic-receive-offload", "on");
        }
        return f;
    }

    private static Map<String, String> bridge(Invocation inv, LinkState br) {
        Map<String, String> f = base("bridge");
        boolean ports = false;
        for (LinkState p : inv.world().namespace(inv.netns()).links()) {
            if (p.master().isPresent() && p.master().get().equals(br.name())) {
                if (p.kind() != LinkKind.VETH || !inv.world().extras().offloadsOff(inv.netns(), p.index()).isEmpty()) {
                    return null;
                }
                ports = true;
            }
        }
        if (ports) {
            f.put("tx-gso-robust", "off [requested on]");
            f.put("tx-fcoe-segmentation", "off [requested on]");
        }
        return f;
    }

    /** The feature lines of a kind, by name (a child's name keeps its tab), in the kernel's order. */
    private static Map<String, String> base(String kind) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : ScriptHost.resource("ethtool-k-" + kind + ".txt").split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                f.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return f;
    }
}
