package io.nslab.sim;

import io.nslab.Network;
import io.nslab.model.Lab;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceRequest;
import io.nslab.probe.TraceResult;
import io.nslab.state.Snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator world: a pure-Java model of the Linux network stack for everything a lab can express.
 * It refuses what the kernel refuses with the kernel's words, keeps the kernel's own routes in tables
 * local and main, and answers ping and traceroute with the records the kernel world produces.
 * Not thread-safe: one network per thread (a ping only reads, so probes may share after setup).
 */
public final class SimNetwork implements Network {
    private final Map<NamespaceRef, SimNamespace> namespaces = new LinkedHashMap<>();
    private final KernelRoutes kernel = new KernelRoutes(this);
    private final AddressOps addresses = new AddressOps(kernel);
    private final LinkOps links = new LinkOps(this, kernel, addresses);
    private final RouteOps routes = new RouteOps(this);
    /** The initial network namespace's inode on Linux; namespaces made later get the numbers after it. */
    private static final long INITIAL_INODE = 4026531840L;
    private long nextInode = INITIAL_INODE + 160;
    private long seq;
    private long macs;
    private long version;
    private long neighboursVersion = -1;

    public SimNetwork() {
    }

    /** A simulated network built from a lab, as {@code nslab up --sim} builds it. */
    public static SimNetwork of(Lab lab) throws OpException {
        SimNetwork net = new SimNetwork();
        if (!lab.hostEndpoints().isEmpty()) {
            net.addHost();
        }
        net.applyAll(LabPlanner.plan(lab)); // firewall tables included (Op.SetTable)
        return net;
    }

    /**
     * Loads a namespace's whole ruleset, as {@code nft -f} of a flushed ruleset would (counters start at zero).
     * An empty ruleset takes netfilter out of that namespace's path again. A ruleset the kernel would refuse
     * ({@link io.nslab.firewall.RulesetCheck}) is refused with IllegalArgumentException.
     */
    public void setFirewall(NamespaceRef netns, io.nslab.firewall.Ruleset ruleset) {
        SimNamespace ns = namespaces.get(netns);
        if (ns == null) {
            throw new IllegalArgumentException("no namespace \"" + netns + "\" in this network");
        }
        java.util.List<String> refused = io.nslab.firewall.RulesetCheck.problems(ruleset);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("the kernel would refuse this ruleset: " + String.join("; ", refused));
        }
        version++;
        ns.firewall = ruleset;
        ns.resetCounters();
    }

    /**
     * Changes a namespace's ruleset as one nft or iptables command does: the rules that stay (the same {@code Rule}
     * objects, wherever they moved) and the base chains that stay keep their counters, as in the kernel. Refused as
     * {@link #setFirewall} refuses.
     */
    public void updateFirewall(NamespaceRef netns, io.nslab.firewall.Ruleset ruleset) {
        SimNamespace ns = namespaces.get(netns);
        if (ns == null) {
            throw new IllegalArgumentException("no namespace \"" + netns + "\" in this network");
        }
        java.util.List<String> refused = io.nslab.firewall.RulesetCheck.problems(ruleset);
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("the kernel would refuse this ruleset: " + String.join("; ", refused));
        }
        version++;
        ns.keepCounters(ns.firewall, ruleset);
        ns.firewall = ruleset;
    }

    /** A namespace's ruleset (empty for an unknown namespace). */
    public io.nslab.firewall.Ruleset firewall(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? io.nslab.firewall.Ruleset.EMPTY : ns.firewall;
    }

    private static int indexOfTable(java.util.List<io.nslab.firewall.Table> tables, io.nslab.firewall.TableFamily family, String name) {
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).family() == family && tables.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A namespace's ruleset, as loaded (empty where there is none or no such namespace). */
    public io.nslab.firewall.Ruleset ruleset(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? io.nslab.firewall.Ruleset.EMPTY : ns.firewall;
    }

    /** Packets and bytes counted by a rule (or, at {@link io.nslab.firewall.ChainRunner#POLICY}, a base chain's policy). */
    public io.nslab.firewall.RulesetText.Counters counters(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? (t, c, i) -> new long[2] : ns::counted;
    }

    /** A namespace's ruleset as {@code nft list ruleset} prints it there, with the counters of the probes so far. */
    public Optional<String> listRuleset(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? Optional.empty()
                : Optional.of(io.nslab.firewall.RulesetText.render(ns.firewall, ns::counted));
    }

    /**
     * Adds the host's own namespace as a fresh one would be: lo up, forwarding off. The real host has more (its
     * own links and routes), which the simulator cannot know.
     */
    public void addHost() {
        if (!namespaces.containsKey(NamespaceRef.HOST)) {
            version++;
            namespaces.put(NamespaceRef.HOST, new SimNamespace(NamespaceRef.HOST, INITIAL_INODE));
            apply(new Op.SetLinkState(NamespaceRef.HOST, io.nslab.model.Loopback.NAME, true));
        }
    }

    @Override
    public void apply(Op op) throws OpException {
        version++;
        switch (op) {
            case Op.AddNamespace a -> {
                if (namespaces.containsKey(a.netns())) {
                    throw Refusals.namespaceExists(op, a.netns().name());
                }
                namespaces.put(a.netns(), new SimNamespace(a.netns(), nextInode++));
            }
            case Op.DeleteNamespace d -> {
                SimNamespace ns = namespaces.get(d.netns());
                if (ns == null) {
                    throw Refusals.namespaceMissing(op, d.netns().name());
                }
                for (SimLink l : java.util.List.copyOf(ns.links())) {
                    if (l.peer != null && l.peer.ns != ns) {
                        links.destroy(l.peer);
                    }
                }
                namespaces.remove(d.netns());
            }
            case Op.AddVeth v -> links.addVeth(v);
            case Op.AddBridge b -> links.addBridge(b);
            case Op.DeleteLink d -> links.delete(d);
            case Op.SetMaster m -> links.setMaster(m);
            case Op.SetLinkState s -> links.setState(s);
            case Op.SetMtu m -> links.setMtu(m);
            case Op.SetMac m -> links.setMac(m);
            case Op.RenameLink r -> links.rename(r);
            case Op.MoveLink m -> links.move(m);
            case Op.AddAddress a -> {
                SimNamespace ns = namespace(op, a.netns());
                addresses.add(ns, device(ns, op, a.dev()), a);
            }
            case Op.DeleteAddress a -> {
                SimNamespace ns = namespace(op, a.netns());
                addresses.delete(ns, device(ns, op, a.dev()), a);
            }
            case Op.AddRoute r -> routes.add(namespace(op, r.netns()), op, r.route(), false);
            case Op.ReplaceRoute r -> routes.add(namespace(op, r.netns()), op, r.route(), true);
            case Op.DeleteRoute r -> routes.delete(namespace(op, r.netns()), r);
            case Op.SetTable t -> {
                SimNamespace ns = namespace(op, t.netns());
                java.util.List<io.nslab.firewall.Table> tables = new java.util.ArrayList<>(ns.firewall.tables());
                int at = indexOfTable(tables, t.table().family(), t.table().name());
                if (at >= 0) {
                    tables.remove(at); // made again, it comes last, as in the kernel's list
                }
                tables.add(t.table());
                setFirewall(t.netns(), new io.nslab.firewall.Ruleset(tables));
            }
            case Op.DeleteTable t -> {
                SimNamespace ns = namespace(op, t.netns());
                java.util.List<io.nslab.firewall.Table> tables = new java.util.ArrayList<>(ns.firewall.tables());
                int at = indexOfTable(tables, t.family(), t.name());
                if (at >= 0) { // as on the kernel, where the op adds the table before deleting it: no error if absent
                    tables.remove(at);
                    setFirewall(t.netns(), new io.nslab.firewall.Ruleset(tables));
                }
            }
            case Op.AddNeighbour n -> {
                SimNamespace ns = namespace(op, n.netns());
                SimLink dev = device(ns, op, n.dev());
                if (dev.permanentNeighbours.putIfAbsent(n.address(), n.mac()) != null) {
                    throw Refusals.fileExists(op);
                }
            }
            case Op.SetSysctl s -> {
                SimNamespace ns = namespace(op, s.netns());
                Optional<io.nslab.netlink.Errno> refused = ns.sysctls.set(s.key(), s.value());
                if (refused.isPresent()) {
                    throw Refusals.sysctl(op, refused.get(), s.key().replace('/', '.'));
                }
            }
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(namespaces.values().stream().map(SimNamespace::toState).toList());
    }

    /**
     * The state of every namespace as a lab file needs it: no sysctls (empty maps), for a reader that asks
     * {@link #sysctlsChanged} and {@link #devicesForwarding} instead (a star's hub alone has some 13,000 keys to make
     * into text and sort), and of the routes only the main table's that the kernel did not add.
     */
    public Snapshot labState() {
        java.util.List<io.nslab.state.NamespaceState> states = new java.util.ArrayList<>(namespaces.size());
        for (SimNamespace ns : namespaces.values()) {
            states.add(ns.labState());
        }
        return new Snapshot(states);
    }

    /**
     * A namespace's sysctls that differ from a fresh namespace's, by dotted key: a device's compared with a fresh
     * conf/default, which a new device copies; empty if the namespace does not exist.
     */
    public Map<String, String> sysctlsChanged(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? Map.of() : ns.sysctls.changedFrom(FreshSysctls.VALUE);
    }

    /** A namespace's devices' forwarding in {@code family} ("ipv4", "ipv6"), conf/all's and conf/default's aside. */
    public Map<String, String> devicesForwarding(NamespaceRef netns, String family) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? Map.of() : ns.sysctls.devicesForwarding(family);
    }

    /** A namespace's sysctls just after it is made (its lo attached), by dotted key. */
    public static Map<String, String> freshSysctls() {
        return FreshSysctls.VALUE.all();
    }

    /** The sysctls of a namespace just made (its lo attached), made once on first use. */
    private static final class FreshSysctls {
        static final Sysctls VALUE = fresh();

        private static Sysctls fresh() {
            try (SimNetwork net = new SimNetwork()) {
                NamespaceRef.Named name = NamespaceRef.named("fresh");
                net.apply(new Op.AddNamespace(name));
                return net.namespaces.get(name).sysctls;
            } catch (OpException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The state of these namespaces (those that exist), in this order. */
    public Snapshot snapshot(java.util.List<? extends NamespaceRef> netns) {
        return new Snapshot(netns.stream().map(namespaces::get).filter(java.util.Objects::nonNull).map(SimNamespace::toState).toList());
    }

    /** Whether the namespace exists. */
    public boolean exists(NamespaceRef netns) {
        return namespaces.containsKey(netns);
    }

    /** The namespace's identity, as an inode number is on Linux: new for each namespace made. */
    public java.util.OptionalLong inode(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(ns.inode);
    }

    /** The namespace's links by name, with their indexes; empty if it does not exist. */
    public Map<io.nslab.model.IfName, Integer> links(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        Map<io.nslab.model.IfName, Integer> out = new LinkedHashMap<>();
        if (ns != null) {
            ns.links().forEach(l -> out.put(l.name, l.index));
        }
        return out;
    }

    /** A namespace's sysctls by their file below /proc/sys/net; empty if it does not exist. */
    public Map<String, String> sysctlFiles(NamespaceRef netns) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? Map.of() : ns.sysctls.files();
    }

    /** Whether namespace {@code netns} has a link named {@code dev}. */
    public boolean hasLink(NamespaceRef netns, io.nslab.model.IfName dev) {
        return namespace(netns).flatMap(ns -> ns.link(dev)).isPresent();
    }

    /** A sysctl's value, as {@code sysctl -n KEY} prints it; empty for a key the namespace does not have. */
    public Optional<String> sysctl(NamespaceRef netns, String key) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? Optional.empty() : ns.sysctls.value(key.replace('/', '.'));
    }

    /** A link's index, or -1 when the namespace has none of the name: one lookup, where {@link #links} copies all. */
    public int linkIndex(NamespaceRef netns, io.nslab.model.IfName dev) {
        SimNamespace ns = namespaces.get(netns);
        return ns == null ? -1 : ns.link(dev).map(l -> l.index).orElse(-1);
    }

    /**
     * Whether addrconf made the device's link-local address: it was up with a carrier since it last went down
     * (IF_READY), as {@code ifconfig} shows it.
     */
    public boolean ipv6Ready(NamespaceRef netns, io.nslab.model.IfName dev) {
        return namespace(netns).flatMap(ns -> ns.link(dev)).map(l -> l.ipv6Ready).orElse(false);
    }

    /** Whether link {@code dev} of {@code netns} has carrier (IFF_LOWER_UP). */
    public boolean hasCarrier(NamespaceRef netns, io.nslab.model.IfName dev) {
        return namespace(netns).flatMap(ns -> ns.link(dev)).map(SimLink::carrier).orElse(false);
    }

    @Override
    public PingResult ping(PingRequest request) {
        return new PingEngine(this).ping(request);
    }

    @Override
    public io.nslab.probe.PortResult probe(io.nslab.probe.PortRequest request) {
        return new PortEngine(this, null).probe(request);
    }

    @Override
    public TraceResult trace(TraceRequest request) {
        return new TraceEngine(this).trace(request);
    }

    /** --explain for a ping: both directions hop by hop, namespaces named as they are. */
    public io.nslab.explain.Explanation explain(PingRequest request) {
        return new Explainer(this, n -> n).explain(request);
    }

    @Override
    public void close() {
        namespaces.clear();
    }

    SimNamespace namespace(Op op, NamespaceRef name) throws OpException {
        SimNamespace ns = namespaces.get(name);
        if (ns == null) {
            throw Refusals.noNamespace(op, name.toString());
        }
        return ns;
    }

    Optional<SimNamespace> namespace(NamespaceRef name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    /** The namespace an explanation names by {@link SimNamespace#label()}. */
    Optional<SimNamespace> namespaceLabelled(String label) {
        if (label.equals(NamespaceRef.HOST.toString())) {
            return namespace(NamespaceRef.HOST);
        }
        return NamespaceRef.Named.problem(label) == null ? namespace(NamespaceRef.named(label)) : Optional.empty();
    }

    Iterable<SimNamespace> namespaces() {
        return namespaces.values();
    }

    private static SimLink device(SimNamespace ns, Op op, io.nslab.model.IfName name) throws OpException {
        return ns.link(name).orElseThrow(() -> Refusals.noDevice(op, name));
    }

    long nextSeq() {
        return seq++;
    }

    /** Deterministic, locally administered, unicast: 02:4e:53 ("NS") then a counter. */
    MacAddress nextMac() {
        return new MacAddress(0x024e53000000L + (++macs));
    }

    /** The devices a frame from {@code dev} reaches; kept on the device until the next op (which may change the wiring). */
    java.util.List<SimLink> segment(SimLink dev) {
        if (dev.segment == null || dev.segmentVersion != version) {
            dev.segment = Segment.reachableFrom(dev);
            dev.segmentVersion = version;
        }
        return dev.segment;
    }

    private record Solicitation(SimLink dev, io.nslab.model.IpAddress target, io.nslab.model.IpAddress sender) {
    }

    private final java.util.HashMap<Solicitation, Optional<SimLink>> neighbours = new java.util.HashMap<>();

    /**
     * The device on {@code dev}'s segment that owns the MAC of a permanent entry for {@code target}: the frame
     * goes there with no ARP at all. Empty when there is no such entry; a present but empty inner value
     * when the entry names a MAC nobody on the segment has (the frame is lost, and no error comes back).
     */
    Optional<Optional<SimLink>> permanentNeighbour(SimLink dev, io.nslab.model.IpAddress target) {
        io.nslab.model.MacAddress mac = dev.permanentNeighbours.get(target);
        if (mac == null) {
            return Optional.empty();
        }
        for (SimLink y : segment(dev)) {
            if (mac.equals(y.mac)) {
                return Optional.of(Optional.of(y));
            }
        }
        return Optional.of(Optional.empty());
    }

    /** Which device answers ARP/NDP for {@code target} asked from {@code dev}; cached until the next op. */
    Optional<SimLink> neighbour(SimLink dev, io.nslab.model.IpAddress target, io.nslab.model.IpAddress sender) {
        if (neighboursVersion != version) {
            neighbours.clear();
            neighboursVersion = version;
        }
        return neighbours.computeIfAbsent(new Solicitation(dev, target, sender), k -> {
            for (SimLink y : segment(dev)) {
                if (Neighbours.answers(y, target, sender)) {
                    return Optional.of(y);
                }
            }
            return Optional.empty();
        });
    }

    private WireTap tap = WireTap.NONE;

    /** Shows {@code watcher} every frame probes from now on move across a device (WireTap.NONE: nobody watches). */
    public void tap(WireTap watcher) {
        tap = java.util.Objects.requireNonNull(watcher);
    }

    WireTap tap() {
        return tap;
    }

    /** Bumped by every op, so caches of derived facts (L2 segments) know when to forget. */
    long version() {
        return version;
    }
}
