package io.nslab.sim;

import io.nslab.model.IpPrefix;
import io.nslab.netlink.Errno;
import io.nslab.op.Op;
import io.nslab.op.OpException;
import io.nslab.state.AddressScope;

import java.util.List;

/** {@code ip addr add|del}, with devinet's primary/secondary rules and its refusals. */
final class AddressOps {
    private final KernelRoutes kernel;

    AddressOps(KernelRoutes kernel) {
        this.kernel = kernel;
    }

    void add(SimNamespace ns, SimLink dev, Op.AddAddress op) throws OpException {
        IpPrefix p = op.address();
        if (p.address().isV4()) {
            addV4(ns, dev, p, op);
        } else {
            addV6(ns, dev, p, op);
        }
    }

    /** __inet_insert_ifa: same subnet and mask as a primary ⇒ secondary; the same address and mask ⇒ EEXIST. */
    private void addV4(SimNamespace ns, SimLink dev, IpPrefix p, Op op) throws OpException {
        boolean secondary = false;
        int lastPrimary = -1;
        List<SimAddress> all = ns.addresses;
        for (int i = 0; i < all.size(); i++) {
            SimAddress a = all.get(i);
            if (a.dev() != dev || !a.isV4()) {
                continue;
            }
            if (a.prefix().length() == p.length() && a.prefix().network().equals(p.network())) {
                if (a.address().equals(p.address())) {
                    throw Refusals.extack(op, Errno.EEXIST, "ipv4: Address already assigned");
                }
                secondary = true;
            }
            if (!a.secondary()) {
                lastPrimary = i;
            }
        }
        SimAddress added = new SimAddress(dev, p, SimAddress.defaultScope(p), secondary);
        if (secondary || lastPrimary < 0) {
            int at = secondary ? lastV4Index(ns, dev) + 1 : firstIndexAfterDevice(ns, dev);
            all.add(at, added);
        } else {
            all.add(lastPrimary + 1, added);
        }
        kernel.addressAdded(added);
    }

    private void addV6(SimNamespace ns, SimLink dev, IpPrefix p, Op op) throws OpException {
        for (SimAddress a : ns.addressesOf(dev)) {
            if (a.address().equals(p.address())) {
                throw Refusals.fileExists(op);
            }
        }
        // ipv6_link_dev_addr: a new address goes before older ones of the same or a narrower scope
        SimAddress added = new SimAddress(dev, p, SimAddress.defaultScope(p), false);
        int at = ns.addresses.size();
        for (int i = 0; i < ns.addresses.size(); i++) {
            SimAddress a = ns.addresses.get(i);
            if (a.dev() == dev && !a.isV4() && a.scope().ordinal() >= added.scope().ordinal()) {
                at = i;
                break;
            }
        }
        ns.addresses.add(at, added);
        kernel.addressAdded(added);
    }

    private static int lastV4Index(SimNamespace ns, SimLink dev) {
        int last = -1;
        for (int i = 0; i < ns.addresses.size(); i++) {
            if (ns.addresses.get(i).dev() == dev && ns.addresses.get(i).isV4()) {
                last = i;
            }
        }
        return last < 0 ? ns.addresses.size() - 1 : last;
    }

    private static int firstIndexAfterDevice(SimNamespace ns, SimLink dev) {
        return ns.addresses.size();
    }

    /** inet_rtm_deladdr; with promote_secondaries off, a primary takes its secondaries with it. */
    void delete(SimNamespace ns, SimLink dev, Op.DeleteAddress op) throws OpException {
        IpPrefix p = op.address();
        SimAddress found = null;
        for (SimAddress a : ns.addressesOf(dev)) {
            if (a.address().equals(p.address()) && a.prefix().length() == p.length()) {
                found = a;
                break;
            }
        }
        if (found == null) {
            throw p.address().isV4() ? Refusals.extack(op, Errno.EADDRNOTAVAIL, "ipv4: Address not found")
                    : new OpException(op, Errno.EADDRNOTAVAIL, "RTNETLINK answers: Cannot assign requested address");
        }
        remove(ns, found);
        if (found.isV4() && !found.secondary()) {
            SimAddress primary = found;
            for (SimAddress s : List.copyOf(ns.addressesOf(dev))) {
                if (s.secondary() && s.prefix().length() == primary.prefix().length()
                        && s.prefix().network().equals(primary.prefix().network())) {
                    remove(ns, s);
                }
            }
        }
    }

    private void remove(SimNamespace ns, SimAddress a) {
        ns.addresses.remove(a);
        kernel.addressRemoved(a);
    }

    /** Moving a device to another namespace or deleting it flushes its addresses. */
    void flush(SimNamespace ns, SimLink dev) {
        for (SimAddress a : List.copyOf(ns.addressesOf(dev))) {
            ns.addresses.remove(a);
        }
    }

    /** addrconf_ifdown: without keep_addr_on_down, IPv6 addresses go when the device goes down. */
    void flushV6(SimNamespace ns, SimLink dev) {
        for (SimAddress a : List.copyOf(ns.addressesOf(dev))) {
            if (!a.isV4()) {
                remove(ns, a);
            }
        }
    }

    /** Bringing lo up gives it 127.0.0.1/8 and ::1 when it lacks them (inetdev_event, init_loopback). */
    void loopbackUp(SimNamespace ns, SimLink lo) {
        IpPrefix v4 = IpPrefix.parse("127.0.0.1/8");
        IpPrefix v6 = IpPrefix.parse("::1/128");
        if (ns.addressesOf(lo).stream().noneMatch(a -> a.prefix().equals(v4))) {
            try {
                addV4(ns, lo, v4, new Op.AddAddress(ns.name, lo.name, v4));
            } catch (OpException e) {
                // the same address with another mask is already there: the kernel keeps quiet too
            }
        }
        if (ns.addressesOf(lo).stream().noneMatch(a -> a.prefix().equals(v6))) {
            SimAddress a = new SimAddress(lo, v6, AddressScope.HOST, false);
            ns.addresses.add(a);
            kernel.addressAdded(a);
        }
    }
}
