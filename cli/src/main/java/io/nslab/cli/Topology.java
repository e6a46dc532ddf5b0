package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.util.ArrayList;
import java.util.List;

/**
 * Mininet's {@code --topo} words as lab files: {@code single,N}, {@code linear,N} and {@code tree,D,F} are hosts on
 * switches (a node holding a Linux bridge, no address), one 10.0.0.0/8 LAN as Mininet makes it; {@code star,N} and
 * {@code ring,N}, which Mininet lacks, are routed: N hosts each on its own /30 to a router, and N routers in a ring
 * with static routes the short way round (a ring of bridges would loop broadcasts forever without spanning tree).
 */
sealed interface Topology {
    /** The most hosts (or routers) a generated lab may have: far beyond a lesson, within what a host runs. */
    int MAX = 1000;

    record Single(int hosts) implements Topology {
    }

    record Linear(int switches) implements Topology {
    }

    record Tree(int depth, int fanout) implements Topology {
    }

    record Star(int hosts) implements Topology {
    }

    record Ring(int routers) implements Topology {
    }

    /** {@code linear,3}; exit 2 with the accepted forms for anything else. */
    static Topology parse(String text) {
        String[] p = text.split(",", -1);
        try {
            Topology t = switch (p[0]) {
                case "single" -> new Single(number(p, 1, 1));
                case "linear" -> new Linear(number(p, 1, 1));
                case "tree" -> new Tree(number(p, 1, 1), number(p, 2, 2));
                case "star" -> new Star(number(p, 1, 1));
                case "ring" -> new Ring(number(p, 1, 3));
                default -> throw new IllegalArgumentException("unknown topology \"" + p[0] + "\""
                        + io.nslab.model.load.Suggestions.hint(p[0], List.of("single", "linear", "tree", "star", "ring")));
            };
            if (t instanceof Tree tree && Math.pow(tree.fanout(), tree.depth()) > MAX) {
                throw new IllegalArgumentException("tree," + tree.depth() + "," + tree.fanout() + " has more than " + MAX + " hosts");
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab new: --topo " + io.nslab.MessageText.oneLine(text) + ": "
                    + e.getMessage() + "; one of single,N linear,N tree,DEPTH,FANOUT star,N ring,N");
        }
    }

    private static int number(String[] parts, int index, int min) {
        if (parts.length <= index) {
            throw new IllegalArgumentException("needs " + (parts[0].equals("tree") ? "DEPTH,FANOUT" : "N"));
        }
        try {
            int n = Integer.parseInt(parts[index]);
            if (n < min || n > MAX) {
                throw new IllegalArgumentException(n + " is out of range " + min + ".." + MAX);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + io.nslab.MessageText.oneLine(parts[index]) + "\" is not a number");
        }
    }

    /** The lab's default name: linear-3, tree-2-2. */
    default String name() {
        return switch (this) {
            case Single s -> "single-" + s.hosts();
            case Linear l -> "linear-" + l.switches();
            case Tree t -> "tree-" + t.depth() + "-" + t.fanout();
            case Star s -> "star-" + s.hosts();
            case Ring r -> "ring-" + r.routers();
        };
    }

    /** The lab file. */
    default String yaml(String labName) {
        LabText lab = new LabText(labName);
        switch (this) {
            case Single s -> {
                int sw = lab.newSwitch();
                for (int h = 1; h <= s.hosts(); h++) {
                    lab.hostOn(sw);
                }
            }
            case Linear l -> {
                int previous = 0;
                for (int i = 1; i <= l.switches(); i++) {
                    int sw = lab.newSwitch();
                    if (previous > 0) {
                        lab.trunk(previous, sw);
                    }
                    lab.hostOn(sw);
                    previous = sw;
                }
            }
            case Tree t -> lab.tree(t.depth(), t.fanout());
            case Star s -> lab.star(s.hosts());
            case Ring r -> lab.ring(r.routers());
        }
        return lab.text();
    }

    /** Builds the text of a lab node by node: Mininet's names (h1, s1, h1-eth0, s1-eth1) and 10.0.0.0/8 addresses. */
    final class LabText {
        private final String name;
        private final StringBuilder nodes = new StringBuilder();
        private final StringBuilder links = new StringBuilder();
        private final List<List<String>> ports = new ArrayList<>();
        private int hosts;

        LabText(String name) {
            this.name = name;
        }

        int newSwitch() {
            ports.add(new ArrayList<>());
            return ports.size();
        }

        private String port(int sw) {
            String p = "s" + sw + "-eth" + (ports.get(sw - 1).size() + 1);
            ports.get(sw - 1).add(p);
            return p;
        }

        void hostOn(int sw) {
            int h = ++hosts;
            int a = h; // Mininet's ipBase 10.0.0.0/8 plus the host's number
            nodes.append("  h").append(h).append(": {}\n");
            links.append("  - endpoints: [\"h").append(h).append(":h").append(h).append("-eth0 10.").append(a >> 16 & 255).append('.')
                    .append(a >> 8 & 255).append('.').append(a & 255).append("/8\", \"s").append(sw).append(':').append(port(sw)).append("\"]\n");
        }

        void trunk(int a, int b) {
            links.append("  - endpoints: [\"s").append(a).append(':').append(port(a)).append("\", \"s").append(b).append(':')
                    .append(port(b)).append("\"]\n");
        }

        /** Mininet's TreeTopo: switches to the given depth, each with fanout children; hosts under the last level. */
        void tree(int depth, int fanout) {
            grow(newSwitch(), depth, fanout);
        }

        private void grow(int sw, int depth, int fanout) {
            for (int i = 0; i < fanout; i++) {
                if (depth == 1) {
                    hostOn(sw);
                } else {
                    int child = newSwitch();
                    trunk(sw, child);
                    grow(child, depth - 1, fanout);
                }
            }
        }

        void star(int n) {
            nodes.append("  r:\n    forwarding: true\n");
            for (int h = 1; h <= n; h++) {
                int base = (h - 1) * 4;
                String net = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + ".";
                int last = base & 255;
                nodes.append("  h").append(h).append(":\n    routes: [default via ").append(net).append(last + 1).append("]\n");
                links.append("  - endpoints: [\"h").append(h).append(":h").append(h).append("-eth0 ").append(net).append(last + 2)
                        .append("/30\", \"r:r-eth").append(h).append(' ').append(net).append(last + 1).append("/30\"]\n");
            }
            hosts = n;
        }

        /** Router k's link k (to router k+1) is 10.k/16's first /24: .1 at k, .2 at k+1. Routes go the short way round. */
        void ring(int n) {
            for (int k = 1; k <= n; k++) {
                nodes.append("  r").append(k).append(":\n    forwarding: true\n");
                List<String> routes = new ArrayList<>();
                for (int j = 1; j <= n; j++) {
                    int previous = (k + n - 2) % n + 1;
                    if (j == k || j == previous) {
                        continue; // its own two subnets
                    }
                    int clockwise = (j - k + n) % n; // hops to router j, which is on subnet j
                    int counter = (k - (j % n + 1) + n) % n; // hops to router j+1, the subnet's other end
                    String via = clockwise <= counter ? subnet(k) + "2" : subnet(previous) + "1";
                    routes.add(subnet(j) + "0/24 via " + via);
                }
                if (!routes.isEmpty()) {
                    nodes.append("    routes: [").append(String.join(", ", routes)).append("]\n");
                }
                int next = k % n + 1;
                links.append("  - endpoints: [\"r").append(k).append(":r").append(k).append("-eth1 ").append(subnet(k)).append("1/24\", \"r")
                        .append(next).append(":r").append(next).append("-eth0 ").append(subnet(k)).append("2/24\"]\n");
            }
        }

        private static String subnet(int k) {
            return "10." + (k >> 8 & 255) + "." + (k & 255) + ".";
        }

        String text() {
            StringBuilder sb = new StringBuilder("# made by nslab new; `nslab check --all-pairs` is Mininet's pingall\n");
            sb.append("name: ").append(name).append("\nnodes:\n");
            for (int s = 1; s <= ports.size(); s++) {
                sb.append("  s").append(s).append(":\n    bridges:\n      br0:\n        ports: [")
                        .append(String.join(", ", ports.get(s - 1))).append("]\n");
            }
            sb.append(nodes).append("links:\n").append(links);
            return sb.toString();
        }
    }
}
