package io.nslab.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel the simulator plays: which link kinds and qdiscs it has, and whether its bridges filter VLANs. By
 * default the host's, probed in the script's own sandbox with the real ip and tc (a kind the kernel lacks fails
 * with "Unknown device type."), so that the simulator refuses a VLAN or netem exactly where the kernel does; a
 * kind the kernel has and the simulator does not model is said to be not simulated.
 *
 * @param linkKinds           the link kinds of {@code ip link add ... type KIND} that the kernel accepts
 * @param qdiscs              the qdisc kinds of {@code tc qdisc add ... KIND}
 * @param bridgeVlanFiltering whether {@code vlan_filtering 1} is accepted on a bridge
 */
public record KernelProfile(Set<String> linkKinds, Set<String> qdiscs, boolean bridgeVlanFiltering) {
    /** What {@code ip link add} needs besides the kind to get as far as the kernel, per probed kind. */
    static final Map<String, String> LINK_PROBES = linkProbes();
    static final Map<String, String> QDISC_PROBES = qdiscProbes();

    public KernelProfile {
        linkKinds = Set.copyOf(linkKinds);
        qdiscs = Set.copyOf(qdiscs);
    }

    /** Every kind probed: a kernel with everything built in. */
    public static KernelProfile full() {
        Set<String> kinds = new TreeSet<>(LINK_PROBES.keySet());
        kinds.addAll(List.of("veth", "bridge", "tun", "tap"));
        return new KernelProfile(kinds, QDISC_PROBES.keySet(), true);
    }

    /** This kernel, as the real ip and tc find it in the current network namespace (one that may be changed). */
    public static KernelProfile probe() {
        return probe("ip", "tc");
    }

    /** {@link #probe()} with these files of ip and tc (the real ones, where a shim covers their usual place). */
    static KernelProfile probe(String ip, String tc) {
        return probe(List.of(), ip, tc);
    }

    /**
     * This kernel, probed by ip and tc in network namespaces of their own, which go with them: for a simulator that
     * runs outside the script's sandbox, in a namespace that must not change (the host's, say). As root, a network
     * namespace; otherwise a user namespace with it, as the sandbox has one.
     */
    static KernelProfile probeApart(boolean root) {
        List<String> apart = root ? List.of("unshare", "--net", "--") : List.of("unshare", "--user", "--map-root-user", "--net", "--");
        return probe(apart, "ip", "tc");
    }

    private static KernelProfile probe(List<String> apart, String ip, String tc) {
        try {
            List<String> links = new ArrayList<>(LINK_PROBES.values());
            links.add("link add nslabpf type bridge vlan_filtering 1");
            Map<Integer, String> linkErrors = run(command(apart, ip), links);
            Map<Integer, String> qdiscErrors = run(command(apart, tc), new ArrayList<>(QDISC_PROBES.values()));
            if (apart.isEmpty()) {
                cleanUp(ip, tc);
            }
            Set<String> kinds = new TreeSet<>(List.of("veth", "bridge", "tun", "tap"));
            int i = 1;
            for (String kind : LINK_PROBES.keySet()) {
                if (!"Error: Unknown device type.".equals(linkErrors.get(i++))) {
                    kinds.add(kind);
                }
            }
            Set<String> qdiscs = new TreeSet<>();
            i = 1;
            for (String kind : QDISC_PROBES.keySet()) {
                if (!"Error: Specified qdisc kind is unknown.".equals(qdiscErrors.get(i++))) {
                    qdiscs.add(kind);
                }
            }
            boolean vlanFiltering = !"RTNETLINK answers: Operation not supported".equals(linkErrors.get(links.size()));
            return new KernelProfile(kinds, qdiscs, vlanFiltering);
        } catch (IOException e) {
            return full(); // no iproute2 to ask: a kernel with everything
        }
    }

    private static List<String> command(List<String> apart, String tool) {
        List<String> argv = new ArrayList<>(apart);
        argv.addAll(List.of(tool, "-force", "-batch", "-"));
        return argv;
    }

    /** Runs a batch; returns the message each failed line (by number) had. */
    private static Map<Integer, String> run(List<String> argv, List<String> lines) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Integer, String> failed = new LinkedHashMap<>();
        String last = "";
        for (String l : out.split("\n")) {
            if (l.startsWith("Command failed -:")) {
                try {
                    failed.put(Integer.parseInt(l.substring("Command failed -:".length()).strip()), last);
                } catch (NumberFormatException e) {
                    // not a line number
                }
            }
            last = l;
        }
        return failed;
    }

    private static void cleanUp(String ip, String tc) throws IOException {
        List<String> del = new ArrayList<>();
        for (int i = 1; i <= LINK_PROBES.size(); i++) {
            del.add("link del nslabp" + i);
        }
        del.add("link del nslabpf");
        run(List.of(ip, "-force", "-batch", "-"), del);
        run(List.of(tc, "-force", "-batch", "-"), List.of("qdisc del dev lo root", "qdisc del dev lo ingress"));
    }

    boolean hasLink(String kind) {
        return linkKinds.contains(kind);
    }

    boolean hasQdisc(String kind) {
        return qdiscs.contains(kind);
    }

    /** The profile as one line per part, for the kernel-profile option's file and for messages. */
    String describe() {
        return "link kinds: " + String.join(" ", new TreeSet<>(linkKinds)) + "\nqdiscs: " + String.join(" ", new TreeSet<>(qdiscs))
                + "\nbridge vlan_filtering: " + (bridgeVlanFiltering ? "yes" : "no") + "\n";
    }

    private static Map<String, String> linkProbes() {
        Map<String, String> m = new LinkedHashMap<>();
        String[][] probes = {
            {"vlan", "link add link lo name nslabp%d type vlan id 1"},
            {"dummy", "link add nslabp%d type dummy"},
            {"bond", "link add nslabp%d type bond"},
            {"vrf", "link add nslabp%d type vrf table 100"},
            {"wireguard", "link add nslabp%d type wireguard"},
            {"gre", "link add nslabp%d type gre remote 192.0.2.1 local 192.0.2.2"},
            {"ipvlan", "link add nslabp%d link lo type ipvlan mode l2"},
            {"macvlan", "link add nslabp%d link lo type macvlan"},
            {"vxlan", "link add nslabp%d type vxlan id 1 dstport 4789"},
            {"ifb", "link add nslabp%d type ifb"},
            {"geneve", "link add nslabp%d type geneve id 1 remote 192.0.2.1"},
            {"ipip", "link add nslabp%d type ipip remote 192.0.2.1"},
            {"macsec", "link add link lo nslabp%d type macsec"},
            {"team", "link add nslabp%d type team"}};
        int i = 1;
        for (String[] p : probes) {
            m.put(p[0], p[1].formatted(i++));
        }
        return m;
    }

    private static Map<String, String> qdiscProbes() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] p : new String[][] {
            {"netem", "qdisc replace dev lo root netem delay 1ms"},
            {"fq_codel", "qdisc replace dev lo root fq_codel"},
            {"tbf", "qdisc replace dev lo root tbf rate 1mbit burst 32kbit latency 400ms"},
            {"htb", "qdisc replace dev lo root htb default 10"},
            {"pfifo", "qdisc replace dev lo root pfifo"},
            {"pfifo_fast", "qdisc replace dev lo root pfifo_fast"},
            {"bfifo", "qdisc replace dev lo root bfifo"},
            {"sfq", "qdisc replace dev lo root sfq"},
            {"prio", "qdisc replace dev lo root prio"},
            {"fq", "qdisc replace dev lo root fq"},
            {"cake", "qdisc replace dev lo root cake"},
            {"red", "qdisc replace dev lo root red limit 400000 min 30000 max 90000 avpkt 1000 burst 55 probability 0.02 bandwidth 1mbit"},
            {"ingress", "qdisc add dev lo ingress"}}) {
            m.put(p[0], p[1]);
        }
        return m;
    }
}
