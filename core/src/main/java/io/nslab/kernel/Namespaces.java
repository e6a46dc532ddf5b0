package io.nslab.kernel;

import io.nslab.model.NamespaceRef;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.NetNs;
import io.nslab.netlink.Netlink;
import io.nslab.op.Op;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.LongConsumer;

/**
 * The open rtnetlink handles of the namespaces a {@link KernelNetwork} works on, one per
 * namespace, opened on first use and shared by every thread.
 */
final class Namespaces implements AutoCloseable {
    private final NamedNamespaces registry;
    private final Map<NamespaceRef, Netlink> handles = new ConcurrentHashMap<>();
    /** Interface indexes by namespace and name, filled by one link dump, forgotten when links change. */
    private final Map<NamespaceRef, Map<String, Integer>> indexes = new ConcurrentHashMap<>();
    /**
     * For namespaces created here, whose links are known exactly: the next interface index to give. A veth
     * between two of them is created with indexes chosen here (as the kernel would choose them, in order),
     * so that later ops find its ends without asking the kernel.
     */
    private final Map<NamespaceRef, AtomicInteger> nextIndex = new ConcurrentHashMap<>();
    /** The links a namespace has when it is new (lo, and fallback tunnels of loaded modules), read from the first. */
    private volatile Map<String, Integer> newNamespaceLinks;

    Namespaces(NamedNamespaces registry) {
        this.registry = registry;
    }

    NamedNamespaces registry() {
        return registry;
    }

    /**
     * Creates {@code name} as {@code ip netns add} does and keeps the handle opened inside it; {@code beforeVisible}
     * learns the new namespace's inode before the name is bound (see {@link NamedNamespaces#createWithNetlink}).
     */
    void create(NamespaceRef.Named name, LongConsumer beforeVisible) {
        Netlink nl = registry.createWithNetlink(name.name(), beforeVisible);
        Netlink previous = handles.put(name, nl);
        if (previous != null) {
            previous.close();
        }
        Map<String, Integer> links = newNamespaceLinks(nl);
        indexes.put(name, new ConcurrentHashMap<>(links));
        nextIndex.put(name, new AtomicInteger(links.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1));
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
    synchronized int[] reserve(Op.AddVeth v) {
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
    void failed(Op op) {
        forgetLinks(op.netns());
        if (op instanceof Op.AddVeth v) {
            forgetLinks(v.peerNetns());
        }
    }

    private void forgetLinks(NamespaceRef netns) {
        indexes.remove(netns);
        nextIndex.remove(netns);
    }

    void delete(NamespaceRef.Named name) {
        forget(name);
        registry.delete(name.name());
    }

    /**
     * Deletes those of {@code names} that exist and that {@code mayDelete} accepts by name and inode, all at once;
     * returns them.
     */
    List<NamespaceRef.Named> deleteAll(List<NamespaceRef.Named> names, BiPredicate<NamespaceRef.Named, Long> mayDelete) {
        names.forEach(this::forget);
        forgetAllLinks(); // veth peers elsewhere go with them
        return registry.deleteAll(names.stream().map(NamespaceRef.Named::name).toList(),
                (n, inode) -> mayDelete.test(NamespaceRef.named(n), inode)).stream().map(NamespaceRef::named).toList();
    }

    /** Closes the handle (and the namespace descriptor it was opened through). */
    void forget(NamespaceRef name) {
        forgetLinks(name);
        Netlink nl = handles.remove(name);
        if (nl != null) {
            nl.namespace().ifPresent(NetNs::close);
            nl.close();
        }
    }

    boolean exists(NamespaceRef name) {
        return switch (name) {
            case NamespaceRef.Host h -> true;
            case NamespaceRef.Named n -> handles.containsKey(n) || registry.exists(n.name());
        };
    }

    /** Whether this holds a handle on {@code name} that reaches a namespace other than the one of inode {@code inode}. */
    boolean holdsOther(NamespaceRef name, long inode) {
        Netlink nl = handles.get(name);
        return nl != null && nl.namespace().map(ns -> ns.inode() != inode).orElse(false);
    }

    /** The inode of a named namespace, if one is bound under that name. */
    OptionalLong identity(NamespaceRef.Named name) {
        return registry.inode(name.name());
    }

    Netlink netlink(NamespaceRef name) {
        return handles.computeIfAbsent(name, n -> {
            NetNs ns = open(n);
            try {
                return Netlink.open(ns);
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
        });
    }

    /** A descriptor of its own on the namespace (the host's: this process's). */
    NetNs open(NamespaceRef name) {
        return switch (name) {
            case NamespaceRef.Host h -> NetNs.ofThisProcess();
            case NamespaceRef.Named n -> registry.open(n.name());
        };
    }

    /** The index of link {@code dev} in {@code netns}; throws ENODEV as the kernel would when there is none. */
    int index(NamespaceRef netns, String dev) {
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
    void linksChanged(Op op) {
        switch (op) {
            case Op.AddVeth v -> {
                if (!nextIndex.containsKey(v.netns()) || !nextIndex.containsKey(v.peerNetns())) {
                    forgetLinks(v.netns()); // the kernel chose the indexes: ask it when needed
                    forgetLinks(v.peerNetns());
                }
            }
            case Op.AddBridge b -> forgetLinks(b.netns());
            case Op.RenameLink r -> forgetLinks(r.netns());
            case Op.MoveLink m -> {
                forgetLinks(m.netns());
                forgetLinks(m.target());
            }
            // a veth's peer vanishes with it, wherever it is
            case Op.DeleteLink d -> forgetAllLinks();
            case Op.DeleteNamespace d -> forgetAllLinks();
            // these change no link's name or index
            case Op.AddNamespace a -> {
            }
            case Op.SetMaster m -> {
            }
            case Op.SetLinkState s -> {
            }
            case Op.SetMtu m -> {
            }
            case Op.SetMac m -> {
            }
            case Op.AddAddress a -> {
            }
            case Op.DeleteAddress a -> {
            }
            case Op.AddRoute r -> {
            }
            case Op.DeleteRoute r -> {
            }
            case Op.ReplaceRoute r -> {
            }
            case Op.SetSysctl s -> {
            }
            case Op.AddNeighbour n -> {
            }
            case Op.SetTable t -> {
            }
            case Op.DeleteTable t -> {
            }
        }
    }

    private void forgetAllLinks() {
        indexes.clear();
        nextIndex.clear();
    }

    NetNs netns(NamespaceRef name) {
        return netlink(name).namespace().orElseThrow();
    }

    @Override
    public void close() {
        for (NamespaceRef name : List.copyOf(handles.keySet())) {
            forget(name);
        }
    }
}
