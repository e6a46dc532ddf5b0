package io.nslab.kernel;

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

    Namespaces(NamedNamespaces registry) {
        this.registry = registry;
    }

    NamedNamespaces registry() {
        return registry;
    }

    /** Creates {@code name} as {@code ip netns add} does and keeps the handle opened inside it. */
    void create(String name) {
        Netlink nl = registry.createWithNetlink(name);
        Netlink previous = handles.put(name, nl);
        if (previous != null) {
            previous.close();
        }
    }

    void delete(String name) {
        forget(name);
        registry.delete(name);
    }

    /** Closes the handle (and the namespace descriptor it was opened through). */
    void forget(String name) {
        Netlink nl = handles.remove(name);
        if (nl != null) {
            nl.namespace().ifPresent(NetNs::close);
            nl.close();
        }
    }

    boolean exists(String name) {
        return handles.containsKey(name) || registry.exists(name);
    }

    Netlink netlink(String name) {
        return handles.computeIfAbsent(name, n -> {
            NetNs ns = registry.open(n);
            try {
                return Netlink.open(ns);
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
        });
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
