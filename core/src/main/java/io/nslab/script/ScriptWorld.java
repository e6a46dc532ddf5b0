package io.nslab.script;

import io.nslab.model.NamespaceRef;
import io.nslab.model.IfName;
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

/**
 * The simulator world a script runs in: a {@link SimNetwork} whose namespace {@link #ROOT} plays the
 * script's own root namespace, started like a fresh host's (lo up, forwarding off, nothing else), and
 * the named namespaces the script adds, in the order {@code ip netns list} shows them.
 */
public final class ScriptWorld {
    /** The script's own root namespace: the host's, as far as the script can tell. */
    public static final NamespaceRef ROOT = NamespaceRef.HOST;

    private final SimNetwork net = new SimNetwork();
    /** Named namespaces, and the netnsid the root namespace gave each once a link joined them. */
    private final Map<NamespaceRef.Named, Integer> named = new LinkedHashMap<>();
    private final Map<NamespaceRef, Integer> ids = new LinkedHashMap<>();

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

    public void apply(Op op) throws OpException {
        net.apply(op);
        switch (op) {
            case Op.AddNamespace a -> named.put(a.netns(), 0);
            case Op.DeleteNamespace d -> {
                named.remove(d.netns());
                ids.remove(d.netns());
            }
            default -> noteIds();
        }
    }

    /** The root namespace allocates a netnsid for a namespace when one of its links gets a peer there. */
    private void noteIds() {
        snapshot().namespace(ROOT).ifPresent(root -> {
            for (LinkState l : root.links()) {
                l.peer().map(LinkState.Peer::netns).filter(n -> !n.equals(ROOT) && named.containsKey(n))
                        .ifPresent(n -> ids.computeIfAbsent(n, x -> ids.size()));
            }
        });
    }

    public boolean exists(NamespaceRef netns) {
        return netns.isHost() || named.containsKey(netns);
    }

    /** Whether a script's {@code ip netns add NAME} made namespace {@code name}. */
    public boolean exists(String name) {
        return NamespaceRef.Named.problem(name) == null && named.containsKey(NamespaceRef.named(name));
    }

    /** {@code ip netns list}: newest first, as readdir of a tmpfs /run/netns returns them. */
    public List<String> listLines() {
        List<String> out = new ArrayList<>();
        for (NamespaceRef.Named n : named.keySet()) {
            out.addFirst(ids.containsKey(n) ? n.name() + " (id: " + ids.get(n) + ")" : n.name());
        }
        return out;
    }

    public Snapshot snapshot() {
        return net.snapshot();
    }

    public NamespaceState namespace(NamespaceRef netns) {
        return snapshot().namespace(netns).orElseThrow();
    }

}
