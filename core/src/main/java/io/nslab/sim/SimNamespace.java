package io.nslab.sim;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.RouteState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** One simulated network namespace: its devices, addresses, tables local and main, and sysctls. */
final class SimNamespace {
    final NamespaceRef name;
    /** Its identity, as the namespace's inode is on Linux. */
    final long inode;
    /** Devices by ifindex (the order {@code ip link} lists them) and by name: both lookups without a scan. */
    private final TreeMap<Integer, SimLink> links = new TreeMap<>();
    private final java.util.HashMap<IfName, SimLink> byName = new java.util.HashMap<>();
    /** Address order as {@code ip addr} lists it: per device, primaries before secondaries; indexed by address and device. */
    final AddressList addresses = new AddressList();
    final RoutingTable local = new RoutingTable(RouteState.TABLE_LOCAL);
    final RoutingTable main = new RoutingTable(RouteState.TABLE_MAIN);
    final Sysctls sysctls = new Sysctls();
    /** The kernel allocates ifindexes per namespace; lo is always 1. */
    private int nextIndex = 1;
    /** Its nf_tables ruleset; empty (no hooks, no conntrack) unless the lab gives the node firewall rules. */
    io.nslab.firewall.Ruleset firewall = io.nslab.firewall.Ruleset.EMPTY;
    /** Packets and bytes of rules with a counter, by table, chain and rule index; they persist as the kernel's do. */
    private final java.util.Map<String, long[]> counters = new java.util.HashMap<>();

    void count(io.nslab.firewall.Table table, io.nslab.firewall.Chain chain, int index, int bytes) {
        long[] c = counters.computeIfAbsent(table.label() + "\0" + chain.name() + "\0" + index, k -> new long[2]);
        c[0]++;
        c[1] += bytes;
    }

    /** Re-keys the counters from {@code before} to {@code after}: by rule identity, and by chain for policies. */
    void keepCounters(io.nslab.firewall.Ruleset before, io.nslab.firewall.Ruleset after) {
        java.util.Map<io.nslab.firewall.Rule, long[]> byRule = new java.util.IdentityHashMap<>();
        java.util.Map<String, long[]> policies = new java.util.HashMap<>();
        for (io.nslab.firewall.Table t : before.tables()) {
            for (io.nslab.firewall.Chain c : t.chains()) {
                for (int i = 0; i < c.rules().size(); i++) {
                    byRule.put(c.rules().get(i), counted(t, c, i));
                }
                policies.put(t.label() + "\0" + c.name(), counted(t, c, io.nslab.firewall.ChainRunner.POLICY));
            }
        }
        counters.clear();
        for (io.nslab.firewall.Table t : after.tables()) {
            for (io.nslab.firewall.Chain c : t.chains()) {
                for (int i = 0; i < c.rules().size(); i++) {
                    long[] n = byRule.get(c.rules().get(i));
                    if (n != null && (n[0] != 0 || n[1] != 0)) {
                        counters.put(t.label() + "\0" + c.name() + "\0" + i, n);
                    }
                }
                long[] n = policies.get(t.label() + "\0" + c.name());
                if (n != null && c.base().isPresent() && (n[0] != 0 || n[1] != 0)) {
                    counters.put(t.label() + "\0" + c.name() + "\0" + io.nslab.firewall.ChainRunner.POLICY, n);
                }
            }
        }
    }

    void resetCounters() {
        counters.clear();
    }

    long[] counted(io.nslab.firewall.Table table, io.nslab.firewall.Chain chain, int index) {
        return counters.getOrDefault(table.label() + "\0" + chain.name() + "\0" + index, new long[2]).clone();
    }

    SimNamespace(NamespaceRef name, long inode) {
        this.name = name;
        this.inode = inode;
        SimLink lo = new SimLink(this, nextIndex++, IfName.of("lo"), LinkKind.LOOPBACK, SimLink.LOOPBACK_MTU, new MacAddress(0));
        attach(lo);
    }

    /** The namespace's name as explanations print it before nodes are named. */
    String label() {
        return name.toString();
    }

    Collection<SimLink> links() {
        return links.values();
    }

    SimLink loopback() {
        return links.get(1);
    }

    /** The link named {@code name} (__dev_get_by_name: a hash lookup). */
    Optional<SimLink> link(IfName name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The link with ifindex {@code index}, or null (__dev_get_by_index). */
    SimLink linkAt(int index) {
        return links.get(index);
    }

    int allocateIndex() {
        while (links.containsKey(nextIndex)) {
            nextIndex++;
        }
        return nextIndex++;
    }

    void attach(SimLink l) {
        l.ns = this;
        links.put(l.index, l);
        byName.put(l.name, l);
        sysctls.addDevice(l.name.value());
        if (l.isLoopback()) {
            sysctls.loopbackAdded(l.name.value());
        }
    }

    /** dev_change_name: the device keeps its index and everything on it. */
    void rename(SimLink l, IfName to) {
        byName.remove(l.name);
        sysctls.renameDevice(l.name.value(), to.value());
        l.name = to;
        byName.put(to, l);
    }

    void detach(SimLink l) {
        links.remove(l.index);
        byName.remove(l.name);
        sysctls.removeDevice(l.name.value());
    }

    /** The device's addresses in order: a read-only view, to be copied before the addresses change. */
    List<SimAddress> addressesOf(SimLink dev) {
        return addresses.of(dev);
    }

    /** inet_lookup_ifaddr: is {@code a} one of this namespace's own addresses (any device)? A hash lookup. */
    boolean isLocalAddress(IpAddress a) {
        return addresses.contains(a);
    }

    Optional<SimAddress> ownerOf(IpAddress a) {
        return addresses.owner(a);
    }

    List<RoutingTable> tables() {
        return List.of(local, main);
    }

    NamespaceState toState() {
        List<RouteState> rs = new ArrayList<>();
        for (SimRoute r : main.routes()) {
            rs.add(r.toState());
        }
        for (SimRoute r : local.routes()) {
            rs.add(r.toState());
        }
        return new NamespaceState(name, linkStates(), addressStates(), rs, sysctls.all(), neighbourStates());
    }

    /**
     * Its state as a lab file needs it: no sysctls (an empty map: the lab asks {@link Sysctls} itself), and of the routes
     * only those of the main table that the kernel did not add. A star's hub has some 3,000 others (the main table's
     * 1,000 that the kernel added, and the local table's), which import made into records to skip them.
     */
    NamespaceState labState() {
        List<RouteState> rs = new ArrayList<>();
        for (SimRoute r : main.routes()) {
            if (!r.isKernel()) {
                rs.add(r.toState());
            }
        }
        return new NamespaceState(name, linkStates(), addressStates(), rs, java.util.Map.of(), neighbourStates());
    }

    // loops, not streams: an import takes the state of each of a star's thousand namespaces once, in cold code
    private List<LinkState> linkStates() {
        List<LinkState> ls = new ArrayList<>(links.size());
        for (SimLink l : links.values()) {
            ls.add(l.toState());
        }
        return ls;
    }

    private List<AddressState> addressStates() {
        List<AddressState> as = new ArrayList<>();
        // ip addr lists each device's IPv4 addresses, then its IPv6 ones
        for (SimLink l : links.values()) {
            List<SimAddress> own = addresses.of(l);
            for (boolean v4 : new boolean[] {true, false}) {
                for (SimAddress a : own) {
                    if (a.isV4() == v4) {
                        as.add(a.toState());
                    }
                }
            }
        }
        return as;
    }

    private List<io.nslab.state.NeighbourState> neighbourStates() {
        List<io.nslab.state.NeighbourState> ns = new ArrayList<>();
        for (SimLink l : links.values()) {
            if (l.permanentNeighbours.isEmpty()) {
                continue;
            }
            l.permanentNeighbours.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
                    .forEach(e -> ns.add(new io.nslab.state.NeighbourState(l.name, e.getKey(), e.getValue())));
        }
        return ns;
    }
}
