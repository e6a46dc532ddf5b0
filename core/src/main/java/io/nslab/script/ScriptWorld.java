package io.nslab.script;

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
    /** The empty name: no {@code ip netns add} can create it, so it cannot clash with a script's names. */
    public static final String ROOT = "";

    private final SimNetwork net = new SimNetwork();
    /** Named namespaces, and the netnsid the root namespace gave each once a link joined them. */
    private final Map<String, Integer> named = new LinkedHashMap<>();
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    public ScriptWorld() {
        try {
            net.apply(new Op.AddNamespace(ROOT));
            net.apply(new Op.SetLinkState(ROOT, IfName.of("lo"), true));
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

    public boolean exists(String netns) {
        return netns.equals(ROOT) || named.containsKey(netns);
    }

    /** {@code ip netns list}: newest first, as readdir of a tmpfs /run/netns returns them. */
    public List<String> listLines() {
        List<String> out = new ArrayList<>();
        for (String n : named.keySet()) {
            out.addFirst(ids.containsKey(n) ? n + " (id: " + ids.get(n) + ")" : n);
        }
        return out;
    }

    public Snapshot snapshot() {
        return net.snapshot();
    }

    public NamespaceState namespace(String netns) {
        return snapshot().namespace(netns).orElseThrow();
    }

    public static String display(String netns) {
        return netns;
    }
}
