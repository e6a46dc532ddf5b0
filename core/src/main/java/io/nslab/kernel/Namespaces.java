package io.nslab.kernel;

import io.nslab.model.Lab;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.NetNs;
import io.nslab.netlink.Netlink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open rtnetlink handles of the namespaces a {@link KernelNetwork} works on, one per
 * namespace, opened on first use and shared by every thread.
 */
final class Namespaces implements AutoCloseable {
    private final NamedNamespaces registry;
    private final Map<String, Netlink> handles = new ConcurrentHashMap<>();
    /** Interface indexes by namespace and name, filled by one link dump, forgotten when links change. */
    private final Map<String, Map<String, Integer>> indexes = new ConcurrentHashMap<>();

    Namespaces(NamedNamespaces registry) {
        this.registry = registry;
    }

    NamedNamespaces registry() {
        return registry;
    }

    /** Creates {@code name} as {@code ip netns add} does and keeps the handle opened inside it. */
    void create(String name) {
        refuseHost(name, "create");
        Netlink nl = registry.createWithNetlink(name);
        Netlink previous = handles.put(name, nl);
        if (previous != null) {
            previous.close();
        }
    }

    void delete(String name) {
        refuseHost(name, "delete");
        forget(name);
        registry.delete(name);
    }

    /** Deletes those of {@code names} that exist, all at once; returns them. */
    java.util.List<String> deleteAll(java.util.List<String> names) {
        names.forEach(n -> refuseHost(n, "delete"));
        names.forEach(this::forget);
        indexes.clear(); // veth peers elsewhere go with them
        return registry.deleteAll(names);
    }

    /** Closes the handle (and the namespace descriptor it was opened through). */
    void forget(String name) {
        indexes.remove(name);
        Netlink nl = handles.remove(name);
        if (nl != null) {
            nl.namespace().ifPresent(NetNs::close);
            nl.close();
        }
    }

    boolean exists(String name) {
        return isHost(name) || handles.containsKey(name) || registry.exists(name);
    }

    /** The host's own namespace ({@link Lab#HOST_NETNS}): the one this process runs in, never created nor deleted. */
    static boolean isHost(String name) {
        return Lab.HOST_NETNS.equals(name);
    }

    Netlink netlink(String name) {
        return handles.computeIfAbsent(name, n -> {
            NetNs ns = isHost(n) ? NetNs.ofThisProcess() : registry.open(n);
            try {
                return Netlink.open(ns);
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
        });
    }

    /** The index of link {@code dev} in {@code netns}; throws ENODEV as the kernel would when there is none. */
    int index(String netns, String dev) {
        Integer i = indexes.computeIfAbsent(netns, n -> {
            Map<String, Integer> m = new ConcurrentHashMap<>();
            netlink(n).links().list().forEach(l -> m.put(l.name(), l.index()));
            return m;
        }).get(dev);
        if (i == null) {
            indexes.remove(netns);
            return netlink(netns).links().indexOf(dev); // not cached yet, or really absent: the kernel says which
        }
        return i;
    }

    /** Forgets cached indexes that {@code op} may have made wrong. */
    void linksChanged(io.nslab.op.Op op) {
        switch (op) {
            case io.nslab.op.Op.AddVeth v -> {
                indexes.remove(v.netns());
                indexes.remove(v.peerNetns());
            }
            case io.nslab.op.Op.AddBridge b -> indexes.remove(b.netns());
            case io.nslab.op.Op.RenameLink r -> indexes.remove(r.netns());
            case io.nslab.op.Op.MoveLink m -> {
                indexes.remove(m.netns());
                indexes.remove(m.target());
            }
            // a veth's peer vanishes with it, wherever it is
            case io.nslab.op.Op.DeleteLink ignored -> indexes.clear();
            case io.nslab.op.Op.DeleteNamespace ignored -> indexes.clear();
            default -> {
            }
        }
    }

    private static void refuseHost(String name, String what) {
        if (isHost(name)) {
            throw new IllegalArgumentException("nslab never tries to " + what + " the host's own network namespace");
        }
    }

    NetNs netns(String name) {
        return netlink(name).namespace().orElseThrow();
    }

    @Override
    public void close() {
        for (String name : java.util.List.copyOf(handles.keySet())) {
            forget(name);
        }
    }
}
