package io.nslab.model;

/**
 * How an interface learns its peers' link-layer addresses.
 * <ul>
 *   <li>{@link #DYNAMIC}: by ARP (IPv4) and NDP (IPv6), as the kernel does by default. Every entry
 *       counts against the host's neighbour-table limits ({@code gc_thresh3}), which all namespaces share.</li>
 *   <li>{@link #STATIC}: nslab installs a permanent entry ({@code ip neigh add ... nud permanent}) for
 *       every peer on the interface's segment. Permanent entries are never garbage-collected, do not
 *       count against the limits, and no ARP is ever sent for them.</li>
 * </ul>
 */
public enum NeighbourMode {
    DYNAMIC, STATIC;

    /** As lab files write it: {@code static} or {@code dynamic}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
