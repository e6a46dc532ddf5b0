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

    /**
     * For namespaces created here, whose links are known exactly: the next interface index to give. A veth
     * between two of them is created with indexes chosen here (as the kernel would choose them, in order),
     * so that later ops find its ends without asking the kernel.
     */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> nextIndex = new ConcurrentHashMap<>();
    /** The links a namespace has when it is new (lo, and fallback tunnels of loaded modules), read from the first. */
    private volatile Map<String, Integer> newNamespaceLinks;

    /** Creates {@code name} as {@code ip netns add} does and keeps the handle opened inside it. */
    void create(String name) {
        refuseHost(name, "create");
        Netlink nl = registry.createWithNetlink(name);
        Netlink previous = handles.put(name, nl);
        if (previous != null) {
            previous.close();
        }
        Map<String, Integer> links = newNamespaceLinks(nl);
        indexes.put(name, new ConcurrentHashMap<>(links));
        nextIndex.put(name, new java.util.concurrent.atomic.AtomicInteger(
                links.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1));
    }

    private Map<String, Integer> newNamespaceLinks(Netlink fresh) {
        Map<String, Integer> links = newNamespaceLinks;
        if (links == null) {
            synchronized (this) {
                if (newNamespaceLinks == null) {
                    Map<String, Integer> m = new java.util.HashMap<>();
                    fresh.links().list().forEach(l -> m.put(l.name(), l.index()));
                    newNamespaceLinks = Map.copyOf(m);
                }
                links = newNamespaceLinks;
            }
        }
        return links;
    }

    /**
     * Indexes for a veth's two ends when both namespaces were created here, recorded as the ends' indexes
     * (the op then asks the kernel for exactly these); null otherwise, and the kernel chooses.
     */
    synchronized int[] reserve(io.nslab.op.Op.AddVeth v) {
        var here = nextIndex.get(v.netns());
        var there = nextIndex.get(v.peerNetns());
        Map<String, Integer> hereLinks = indexes.get(v.netns());
        Map<String, Integer> thereLinks = indexes.get(v.peerNetns());
        if (here == null || there == null || hereLinks == null || thereLinks == null) {
            return null;
        }
        int a = here.getAndIncrement();
        int b = there.getAndIncrement();
        hereLinks.put(v.name().value(), a);
        thereLinks.put(v.peer().value(), b);
        return new int[] {a, b};
    }

    /** After an op failed: what was assumed about the links of the namespaces it touched is dropped. */
    void failed(io.nslab.op.Op op) {
        forgetLinks(op.netns());
        if (op instanceof io.nslab.op.Op.AddVeth v) {
            forgetLinks(v.peerNetns());
        }
    }

    private void forgetLinks(String netns) {
        indexes.remove(netns);
        nextIndex.remove(netns);
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
        forgetAllLinks(); // veth peers elsewhere go with them
        return registry.deleteAll(names);
    }

    /** Closes the handle (and the namespace descriptor it was opened through). */
    void forget(String name) {
        forgetLinks(name);
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
            forgetLinks(netns);
            return netlink(netns).links().indexOf(dev); // not cached yet, or really absent: the kernel says which
        }
        return i;
    }

    /** Forgets cached indexes that {@code op} may have made wrong. */
    void linksChanged(io.nslab.op.Op op) {
        switch (op) {
            case io.nslab.op.Op.AddVeth v -> {
                if (!nextIndex.containsKey(v.netns()) || !nextIndex.containsKey(v.peerNetns())) {
                    forgetLinks(v.netns()); // the kernel chose the indexes: ask it when needed
                    forgetLinks(v.peerNetns());
                }
            }
            case io.nslab.op.Op.AddBridge b -> forgetLinks(b.netns());
            case io.nslab.op.Op.RenameLink r -> forgetLinks(r.netns());
            case io.nslab.op.Op.MoveLink m -> {
                forgetLinks(m.netns());
                forgetLinks(m.target());
            }
            // a veth's peer vanishes with it, wherever it is
            case io.nslab.op.Op.DeleteLink ignored -> forgetAllLinks();
            case io.nslab.op.Op.DeleteNamespace ignored -> forgetAllLinks();
            default -> {
            }
        }
    }

    private void forgetAllLinks() {
        indexes.clear();
        nextIndex.clear();
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
