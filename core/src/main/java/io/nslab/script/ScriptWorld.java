package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.sim.SimNetwork;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The simulator world a script runs in: a {@link SimNetwork} whose namespace {@link #ROOT} plays the
 * script's own root namespace, started like a fresh host's (lo up, forwarding off, nothing else), and
 * the named namespaces the script adds, in the order {@code ip netns list} shows them.
 *
 * <p>Every command costs in proportion to what it touches, never to the size of the network: a
 * 1000-host setup script runs 8,000 commands, and a snapshot of the whole network after each made it
 * quadratic (400 hosts took 35 s).
 */
public final class ScriptWorld {
    /** The script's own root namespace: the host's, as far as the script can tell. */
    public static final NamespaceRef ROOT = NamespaceRef.HOST;

    private final SimNetwork net = new SimNetwork();
    /** Named namespaces, in the order they were added. */
    private final Map<NamespaceRef.Named, Boolean> named = new LinkedHashMap<>();
    /** The netnsid the root namespace gave a named namespace once a link of the root got a peer there. */
    private final Map<NamespaceRef, Integer> ids = new LinkedHashMap<>();

    /** Where the command being applied was called: {@code FILE:LINE}, and its argv. */
    private String at = "";
    private List<String> atArgv = List.of();
    /** Whether the last op that changed something deleted something. */
    private boolean tearingDown;
    private Teardown beforeTeardown;
    private long version;
    private final Map<NamespaceRef, Long> touched = new java.util.HashMap<>();
    private long everything;
    /** Named namespaces added and deleted since {@link #drainNamespaceChanges} last ran, in order. */
    private final List<NamespaceChange> namespaceChanges = new ArrayList<>();

    /**
     * The network as it was when the script began to take it apart (the first of a run of deletions), while
     * it had named namespaces; {@code at} and {@code command} name the deletion.
     */
    public record Teardown(Snapshot state, String at, String command) {
    }

    /** A named namespace added ({@code added}) or deleted. */
    public record NamespaceChange(NamespaceRef.Named netns, boolean added) {
    }

    private final Qdiscs qdiscs = new Qdiscs();

    /** What tc attached to the devices. */
    Qdiscs qdiscs() {
        return qdiscs;
    }

    private final LinkExtras extras = new LinkExtras();

    /** What the tools show of links beyond the simulated network: STP, ifconfig's broadcasts, ethtool's offloads. */
    LinkExtras extras() {
        return extras;
    }

    private final AddressDad dad = new AddressDad();

    /** The DAD state of the IPv6 addresses the script added, as ip addr shows it. */
    AddressDad dad() {
        return dad;
    }

    private final FirewallOrigins firewallOrigins = new FirewallOrigins();

    /** The iptables form of the rules iptables added. */
    FirewallOrigins firewallOrigins() {
        return firewallOrigins;
    }

    /** A link's index, or -1 when the namespace has no link of the name. */
    int indexOf(NamespaceRef netns, String dev) {
        if (io.nslab.model.IfName.problem(dev) != null) {
            return -1;
        }
        return net.linkIndex(netns, io.nslab.model.IfName.of(dev));
    }

    /** Whether a namespace's link is administratively up. */
    boolean isUp(NamespaceRef netns, String dev) {
        return namespace(netns).links().stream().anyMatch(l -> l.name().value().equals(dev) && l.adminUp());
    }

    public ScriptWorld() {
        try {
            net.addHost();
        } catch (OpException e) {
            throw new IllegalStateException("the simulator refused a fresh host's root namespace", e);
        }
    }

    public SimNetwork network() {
        return net;
    }

    /** Notes where the next ops come from, for what import says about a teardown. */
    public void at(String where, List<String> argv) {
        at = where;
        atArgv = argv;
    }

    public void apply(Op op) throws OpException {
        // instanceof, not switches on the op's type, on this path of every call: each such switch makes a class on its
        // first run (SwitchBootstraps, with the class-file API), as a script's first calls wait
        boolean deletes = op instanceof Op.DeleteNamespace || op instanceof Op.DeleteLink || op instanceof Op.DeleteAddress
                || op instanceof Op.DeleteRoute;
        if (deletes && !tearingDown && !named.isEmpty()) {
            beforeTeardown = new Teardown(snapshot(), at, String.join(" ", atArgv));
        }
        net.apply(op);
        version++;
        tearingDown = deletes;
        touch(op);
        if (op instanceof Op.AddNamespace a) {
            named.put(a.netns(), Boolean.TRUE);
            namespaceChanges.add(new NamespaceChange(a.netns(), true));
        } else if (op instanceof Op.DeleteNamespace d) {
            named.remove(d.netns());
            ids.remove(d.netns());
            namespaceChanges.add(new NamespaceChange(d.netns(), false));
        } else if (op instanceof Op.AddVeth v) {
            noteId(v.netns(), v.peerNetns());
            noteId(v.peerNetns(), v.netns());
        } else if (op instanceof Op.MoveLink m) {
            link(m.target(), m.name()).flatMap(LinkState::peer).ifPresent(p -> {
                noteId(m.target(), p.netns());
                noteId(p.netns(), m.target());
            });
        } else if (op instanceof Op.SetMac m) {
            extras.macSet(m.netns(), indexOf(m.netns(), m.name().value()));
        } else if (op instanceof Op.SetLinkState s && s.up()) {
            extras.wasUp(s.netns(), indexOf(s.netns(), s.name().value()));
        } else if (op instanceof Op.AddAddress a && !a.address().address().isV4()) {
            dad.added(net, a.netns(), a.dev(), a.address(), false); // ip addr add ... nodad says so afterwards
        } else if (op instanceof Op.DeleteAddress d && !d.address().address().isV4()) {
            dad.removed(net, d.netns(), d.dev(), d.address());
        }
        if (op instanceof Op.SetLinkState || op instanceof Op.SetMaster || op instanceof Op.DeleteLink
                || op instanceof Op.MoveLink || op instanceof Op.DeleteNamespace) {
            dad.linksChanged(net); // a device's carrier may have come or gone: DAD starts again when it comes
        }
    }

    /**
     * The root namespace allocates a netnsid for a namespace when one of its links gets a peer there: the
     * lowest id free, as idr_alloc gives it.
     */
    private void noteId(NamespaceRef here, NamespaceRef there) {
        if (here.equals(ROOT) && !there.equals(ROOT) && there instanceof NamespaceRef.Named n && named.containsKey(n)
                && !ids.containsKey(n)) {
            TreeSet<Integer> taken = new TreeSet<>(ids.values());
            int id = 0;
            while (taken.contains(id)) {
                id++;
            }
            ids.put(n, id);
        }
    }

    private Optional<LinkState> link(NamespaceRef netns, io.nslab.model.IfName name) {
        return net.snapshot(List.of(netns)).namespace(netns)
                .flatMap(ns -> ns.links().stream().filter(l -> l.name().equals(name)).findFirst());
    }

    /**
     * Notes the namespaces whose links or sysctls an op may have changed. Deleting a namespace destroys the peers of
     * its veths wherever they are: every namespace counts as changed then.
     */
    private void touch(Op op) {
        if (op instanceof Op.DeleteNamespace || op instanceof Op.DeleteLink) {
            everything++; // a veth's peer goes with it, in whichever namespace it is
        } else if (op instanceof Op.AddVeth v) {
            touched.merge(v.netns(), 1L, Long::sum);
            touched.merge(v.peerNetns(), 1L, Long::sum);
        } else if (op instanceof Op.MoveLink m) {
            touched.merge(m.netns(), 1L, Long::sum);
            touched.merge(m.target(), 1L, Long::sum);
        } else {
            touched.merge(op.netns(), 1L, Long::sum);
        }
    }

    /** A number that changes whenever an op may have changed namespace {@code netns}'s links or sysctls. */
    public long versionOf(NamespaceRef netns) {
        return everything * 1_000_003L + touched.getOrDefault(netns, 0L);
    }

    /** Counts the ops applied: what mirrors the world need not look again while it stays. */
    public long version() {
        return version;
    }

    /** The state before the last teardown began, if the script took apart a network with named namespaces. */
    public Optional<Teardown> beforeTeardown() {
        return Optional.ofNullable(beforeTeardown);
    }

    /** Named namespaces added and deleted since the last call, in order. */
    public List<NamespaceChange> drainNamespaceChanges() {
        List<NamespaceChange> out = List.copyOf(namespaceChanges);
        namespaceChanges.clear();
        return out;
    }

    public boolean exists(NamespaceRef netns) {
        return netns.isHost() || named.containsKey(netns);
    }

    /** Whether a script's {@code ip netns add NAME} made namespace {@code name}. */
    public boolean exists(String name) {
        return NamespaceRef.Named.problem(name) == null && named.containsKey(NamespaceRef.named(name));
    }

    /** The named namespaces, oldest first. */
    public List<NamespaceRef.Named> namedNamespaces() {
        return List.copyOf(named.keySet());
    }

    /** {@code ip netns list}: newest first, as readdir of a tmpfs /run/netns returns them. */
    public List<String> listLines() {
        List<String> out = new ArrayList<>();
        for (NamespaceRef.Named n : named.keySet()) {
            out.addFirst(ids.containsKey(n) ? n.name() + " (id: " + ids.get(n) + ")" : n.name());
        }
        return out;
    }

    /** The whole network: for what shows links with their peers, and for import. */
    public Snapshot snapshot() {
        return net.snapshot();
    }

    /** One namespace's state, without the cost of the others'. */
    public NamespaceState namespace(NamespaceRef netns) {
        return net.snapshot(List.of(netns)).namespace(netns).orElseThrow();
    }

    /** The names of a namespace's links, cheaper than its state. */
    public boolean hasLink(NamespaceRef netns, String name) {
        return io.nslab.model.IfName.problem(name) == null && net.hasLink(netns, io.nslab.model.IfName.of(name));
    }
}
