package io.nslab.netlink;

import java.util.List;

/** ARP and NDP entries. Obtained from {@link Netlink#neighbours()} or {@link Batch#neighbours()}. */
public final class NeighbourOps {
    private final Netlink netlink;
    private final Batch batch;

    NeighbourOps(Netlink netlink, Batch batch) {
        this.netlink = netlink;
        this.batch = batch;
    }

    /** Equivalent to: {@code ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0} */
    public void add(NeighbourInfo neighbour) {
        submit(NeighbourCodec.add(neighbour, false));
    }

    /** Equivalent to: {@code ip neigh replace 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0} */
    public void replace(NeighbourInfo neighbour) {
        submit(NeighbourCodec.add(neighbour, true));
    }

    /** Equivalent to: {@code ip neigh del 10.0.0.9 dev eth0} */
    public void delete(NeighbourInfo neighbour) {
        submit(NeighbourCodec.delete(neighbour));
    }

    /** Equivalent to: {@code ip neigh show} (IPv4 and IPv6) */
    public List<NeighbourInfo> list() {
        return netlink.dump(NeighbourCodec.dump(0)).stream().map(NeighbourCodec::parse).toList();
    }

    /** Equivalent to: {@code ip neigh show dev DEV} */
    public List<NeighbourInfo> list(String dev) {
        int index = netlink.links().indexOf(dev);
        return list().stream().filter(n -> n.index() == index).toList();
    }

    private void submit(Request request) {
        if (batch != null) {
            batch.add(request);
        } else {
            netlink.execute(request);
        }
    }
}
