package io.nslab.fidelity;

import io.nslab.model.Bridge;
import io.nslab.model.Endpoint;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NeighbourMode;
import io.nslab.model.Node;
import io.nslab.model.Route;
import io.nslab.model.VethLink;

import java.util.List;

/**
 * A lab as a lab file (docs/lab-format.md) that {@code LabLoader} reads back to an equal {@link Lab}: what a
 * disagreement prints, so that a person can run {@code nslab up} on it. Long forms throughout, so nothing depends
 * on the short forms' parsing (the firewall in its complete form). Covers what the generator produces; isolation,
 * limits and checks are refused
 * rather than dropped, so the file never says less than the lab.
 */
public final class LabYaml {
    private LabYaml() {
    }

    public static String write(Lab lab) {
        if (!lab.checks().isEmpty()) {
            throw new IllegalArgumentException("LabYaml does not write checks");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(lab.name()).append('\n');
        sb.append("netns-prefix: \"").append(lab.netnsPrefix()).append("\"\n");
        sb.append("nodes:\n");
        for (Node n : lab.nodes().values()) {
            node(sb, n);
        }
        sb.append(lab.links().isEmpty() ? "links: []\n" : "links:\n");
        for (VethLink l : lab.links()) {
            sb.append("  - endpoints:\n");
            endpoint(sb, l.a());
            endpoint(sb, l.b());
        }
        return sb.toString();
    }

    private static void node(StringBuilder sb, Node n) {
        if (n.isolation().isIsolated() || n.isolation().writesEtc()) {
            throw new IllegalArgumentException("LabYaml does not write isolation (node " + n.name() + ")");
        }
        sb.append("  ").append(n.name()).append(":\n");
        sb.append("    loopback:\n      up: ").append(n.loopback().up()).append('\n');
        if (!n.loopback().addresses().isEmpty()) {
            sb.append("      addresses: ").append(list(n.loopback().addresses())).append('\n');
        }
        if (!n.sysctls().isEmpty()) {
            sb.append("    sysctls:\n");
            n.sysctls().forEach((k, v) -> sb.append("      ").append(k).append(": ").append(v).append('\n'));
        }
        if (!n.routes().isEmpty()) {
            sb.append("    routes:\n");
            for (Route r : n.routes()) {
                route(sb, r);
            }
        }
        if (!n.firewall().isEmpty()) {
            firewall(sb, n.firewall());
        }
        if (!n.bridges().isEmpty()) {
            sb.append("    bridges:\n");
            for (Bridge b : n.bridges()) {
                sb.append("      ").append(b.name()).append(":\n");
                sb.append("        ports: [").append(String.join(", ", b.ports().stream().map(Object::toString).toList())).append("]\n");
                if (!b.addresses().isEmpty()) {
                    sb.append("        addresses: ").append(list(b.addresses())).append('\n');
                }
                b.mtu().ifPresent(m -> sb.append("        mtu: ").append(m).append('\n'));
                b.mac().ifPresent(m -> sb.append("        mac: ").append(m).append('\n'));
                sb.append("        up: ").append(b.up()).append('\n');
                if (b.neighbours() != NeighbourMode.DYNAMIC) {
                    throw new IllegalArgumentException("LabYaml writes dynamic neighbours only (bridge " + b.name() + ")");
                }
            }
        }
    }

    /** The complete form: each table, each chain with its hook, type, priority and policy, each rule as nft writes it. */
    private static void firewall(StringBuilder sb, io.nslab.firewall.Ruleset rs) {
        sb.append("    firewall:\n      tables:\n");
        for (io.nslab.firewall.Table t : rs.tables()) {
            sb.append("        ").append(t.family().word()).append(' ').append(t.name()).append(":\n");
            for (io.nslab.firewall.Chain c : t.chains()) {
                sb.append("          ").append(c.name()).append(":\n");
                c.base().ifPresent(b -> sb.append("            type: ").append(b.type().word()).append('\n')
                        .append("            hook: ").append(b.hook().word()).append('\n')
                        .append("            priority: ").append(io.nslab.firewall.Priority.text(b.priority(), b.hook())).append('\n')
                        .append("            policy: ").append(b.policy().word()).append('\n'));
                sb.append(c.rules().isEmpty() ? "            rules: []\n" : "            rules:\n");
                for (io.nslab.firewall.Rule r : c.rules()) {
                    sb.append("              - '").append(r.text(t.family()).replace("'", "''")).append("'\n");
                }
            }
        }
    }

    private static void route(StringBuilder sb, Route r) {
        sb.append("      - to: ").append(r.destination()).append('\n');
        if (r.type().isReject()) {
            sb.append("        type: ").append(r.type().keyword()).append('\n');
        }
        r.via().ifPresent(v -> sb.append("        via: ").append(quoted(v.toString())).append('\n'));
        r.dev().ifPresent(d -> sb.append("        dev: ").append(d).append('\n'));
        r.metric().ifPresent(m -> sb.append("        metric: ").append(m).append('\n'));
        r.src().ifPresent(s -> sb.append("        src: ").append(quoted(s.toString())).append('\n'));
        if (r.onlink()) {
            sb.append("        onlink: true\n");
        }
    }

    private static void endpoint(StringBuilder sb, Endpoint e) {
        if (e.neighbours() != NeighbourMode.DYNAMIC) {
            throw new IllegalArgumentException("LabYaml writes dynamic neighbours only (" + e.label() + ")");
        }
        sb.append("      - node: ").append(e.node()).append('\n');
        sb.append("        interface: ").append(e.ifname()).append('\n');
        if (!e.addresses().isEmpty()) {
            sb.append("        addresses: ").append(list(e.addresses())).append('\n');
        }
        e.mtu().ifPresent(m -> sb.append("        mtu: ").append(m).append('\n'));
        e.mac().ifPresent(m -> sb.append("        mac: ").append(m).append('\n'));
        sb.append("        up: ").append(e.up()).append('\n');
    }

    private static String list(List<IpPrefix> prefixes) {
        return "[" + String.join(", ", prefixes.stream().map(p -> quoted(p.toString())).toList()) + "]";
    }

    /** IPv6 text may start with a colon, which YAML would read as something else. */
    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
