package io.nslab.netlink;

import java.util.List;

/** IPv4 and IPv6 interface addresses. Obtained from {@link Netlink#addresses()} or {@link Batch#addresses()}. */
public final class AddressOps {
    private final Netlink netlink;
    private final Batch batch;

    AddressOps(Netlink netlink, Batch batch) {
        this.netlink = netlink;
        this.batch = batch;
    }

    /** Equivalent to: {@code ip addr add 10.0.0.1/24 dev eth0} (with {@link AddressInfo#nodad()}: {@code ... nodad}) */
    public void add(AddressInfo address) {
        submit(AddressCodec.add(address));
    }

    /** Equivalent to: {@code ip addr add PREFIX dev DEV}; IPv6 addresses are added with nodad. */
    public void add(String dev, String prefix) {
        AddressInfo a = AddressInfo.of(netlink.links().indexOf(dev), prefix);
        add(a.family() == IpPrefix.AF_INET6 ? a.nodad() : a);
    }

    /** Equivalent to: {@code ip addr del 10.0.0.1/24 dev eth0} */
    public void delete(AddressInfo address) {
        submit(AddressCodec.delete(address));
    }

    /** Equivalent to: {@code ip addr del PREFIX dev DEV} */
    public void delete(String dev, String prefix) {
        delete(AddressInfo.of(netlink.links().indexOf(dev), prefix));
    }

    /** Equivalent to: {@code ip addr show} */
    public List<AddressInfo> list() {
        return netlink.dump(AddressCodec.dump(0)).stream().map(AddressCodec::parse).toList();
    }

    /** Equivalent to: {@code ip -4 addr show} or {@code ip -6 addr show}. */
    public List<AddressInfo> list(int family) {
        return netlink.dump(AddressCodec.dump(family)).stream().map(AddressCodec::parse).toList();
    }

    /** Equivalent to: {@code ip addr show dev DEV} */
    public List<AddressInfo> list(String dev) {
        int index = netlink.links().indexOf(dev);
        return list().stream().filter(a -> a.index() == index).toList();
    }

    private void submit(Request request) {
        if (batch != null) {
            batch.add(request);
        } else {
            netlink.execute(request);
        }
    }
}
