package io.nslab.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lab an edit sequence has reached, as a value: nodes from a small pool of names, links between them, and a few
 * settings; {@link #yaml()} writes it as a lab file. Addresses follow from the names, so a renamed node's links get
 * new subnets, as a user's edit would give them.
 */
final class EditModel {
    static final List<String> POOL = List.of("a", "b", "c", "d", "e", "f");
    static final String LAB = "ed";

    final TreeSet<String> nodes = new TreeSet<>();
    /** "x|y" (x before y) to MTU. */
    final TreeMap<String, Integer> links = new TreeMap<>();
    final TreeSet<String> forwarding = new TreeSet<>();
    final TreeSet<String> routed = new TreeSet<>();
    final TreeSet<String> loopback = new TreeSet<>();

    EditModel copy() {
        EditModel m = new EditModel();
        m.nodes.addAll(nodes);
        m.links.putAll(links);
        m.forwarding.addAll(forwarding);
        m.routed.addAll(routed);
        m.loopback.addAll(loopback);
        return m;
    }

    static String netns(String node) {
        return LAB + "-" + node;
    }

    private String pick(int i) {
        return nodes.isEmpty() ? null : new ArrayList<>(nodes).get(Math.floorMod(i, nodes.size()));
    }

    private static String key(String x, String y) {
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }

    /** Applies a lab edit; returns false when it changes nothing (the step is then skipped). */
    boolean apply(Edit e) {
        switch (e) {
            case Edit.AddNode a -> {
                return nodes.add(POOL.get(Math.floorMod(a.pool(), POOL.size())));
            }
            case Edit.RemoveNode r -> {
                String n = pick(r.pick());
                if (n == null || nodes.size() == 1) {
                    return false; // a lab has at least one node
                }
                remove(n);
                return true;
            }
            case Edit.RenameNode r -> {
                String from = pick(r.pick());
                String to = POOL.get(Math.floorMod(r.pool(), POOL.size()));
                if (from == null || nodes.contains(to)) {
                    return false;
                }
                Map<String, Integer> moved = new TreeMap<>();
                links.forEach((k, mtu) -> {
                    String[] p = k.split("\\|");
                    if (p[0].equals(from) || p[1].equals(from)) {
                        moved.put(key(p[0].equals(from) ? to : p[0], p[1].equals(from) ? to : p[1]), mtu);
                    }
                });
                boolean fwd = forwarding.contains(from);
                boolean rt = routed.contains(from);
                boolean lo = loopback.contains(from);
                remove(from);
                nodes.add(to);
                links.putAll(moved);
                if (fwd) {
                    forwarding.add(to);
                }
                if (rt) {
                    routed.add(to);
                }
                if (lo) {
                    loopback.add(to);
                }
                return true;
            }
            case Edit.AddLink l -> {
                String x = pick(l.pickA());
                String y = pick(l.pickB());
                if (x == null || x.equals(y) || links.containsKey(key(x, y))) {
                    return false;
                }
                links.put(key(x, y), 1500);
                return true;
            }
            case Edit.RemoveLink l -> {
                if (links.isEmpty()) {
                    return false;
                }
                links.remove(new ArrayList<>(links.keySet()).get(Math.floorMod(l.pick(), links.size())));
                return true;
            }
            case Edit.ChangeMtu m -> {
                if (links.isEmpty()) {
                    return false;
                }
                String k = new ArrayList<>(links.keySet()).get(Math.floorMod(m.pick(), links.size()));
                links.put(k, links.get(k) == 1500 ? 1400 : 1500);
                return true;
            }
            case Edit.ToggleForwarding f -> {
                return toggle(forwarding, pick(f.pick()));
            }
            case Edit.ToggleRoute r -> {
                return toggle(routed, pick(r.pick()));
            }
            case Edit.ToggleLoopbackAddress l -> {
                return toggle(loopback, pick(l.pick()));
            }
            case Edit.StrangerTakes s -> throw new IllegalArgumentException("not a lab edit: " + s);
            case Edit.StrangerLeaves s -> throw new IllegalArgumentException("not a lab edit: " + s);
        }
    }

    private static boolean toggle(TreeSet<String> set, String n) {
        if (n == null) {
            return false;
        }
        if (!set.remove(n)) {
            set.add(n);
        }
        return true;
    }

    private void remove(String n) {
        nodes.remove(n);
        links.keySet().removeIf(k -> List.of(k.split("\\|")).contains(n));
        forwarding.remove(n);
        routed.remove(n);
        loopback.remove(n);
    }

    private static int index(String n) {
        return POOL.indexOf(n);
    }

    /** The address of {@code self} on its link to {@code other}. */
    private static String address(String self, String other) {
        int i = Math.min(index(self), index(other));
        int j = Math.max(index(self), index(other));
        return "10." + (i + 1) + "." + (j + 1) + "." + (index(self) < index(other) ? 1 : 2);
    }

    /** The lab file. */
    String yaml() {
        StringBuilder y = new StringBuilder("name: " + LAB + "\nnodes:\n");
        if (nodes.isEmpty()) {
            y.setLength(y.length() - 1);
            y.append(" {}\n");
        }
        for (String n : nodes) {
            List<String> body = new ArrayList<>();
            if (forwarding.contains(n)) {
                body.add("forwarding: true");
            }
            if (loopback.contains(n)) {
                body.add("loopback: {addresses: [192.168.255." + (index(n) + 1) + "/32]}");
            }
            String first = links.keySet().stream().map(k -> k.split("\\|")).filter(p -> p[0].equals(n) || p[1].equals(n))
                    .map(p -> p[0].equals(n) ? p[1] : p[0]).findFirst().orElse(null);
            if (routed.contains(n) && first != null) {
                body.add("routes: [10.200." + (index(n) + 1) + ".0/24 via " + address(first, n) + "]");
            }
            y.append("  ").append(n).append(": {").append(String.join(", ", body)).append("}\n");
        }
        y.append(links.isEmpty() ? "links: []\n" : "links:\n");
        links.forEach((k, mtu) -> {
            String[] p = k.split("\\|");
            y.append("  - endpoints: [\"").append(p[0]).append(":to-").append(p[1]).append(' ').append(address(p[0], p[1]))
                    .append("/24\", \"").append(p[1]).append(":to-").append(p[0]).append(' ').append(address(p[1], p[0]))
                    .append("/24\"]\n");
            if (mtu != 1500) {
                y.append("    mtu: ").append(mtu).append('\n');
            }
        });
        return y.toString();
    }
}
