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
        SimAddress lastPrimary = null;
        SimAddress lastV4 = null;
        for (SimAddress a : ns.addressesOf(dev)) {
            if (!a.isV4()) {
                continue;
            }
            if (a.prefix().length() == p.length() && a.prefix().network().equals(p.network())) {
                if (a.address().equals(p.address())) {
                    throw Refusals.extack(op, Errno.EEXIST, "ipv4: Address already assigned");
                }
                secondary = true;
            }
            if (!a.secondary()) {
                lastPrimary = a;
            }
            lastV4 = a;
        }
        SimAddress added = new SimAddress(dev, p, SimAddress.defaultScope(p), secondary);
        if (secondary) {
            ns.addresses.insertAfter(lastV4, added); // after the device's last IPv4 address
        } else if (lastPrimary == null) {
            ns.addresses.append(added);
        } else {
            ns.addresses.insertAfter(lastPrimary, added);
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
        SimAddress before = null;
        for (SimAddress a : ns.addressesOf(dev)) {
            if (!a.isV4() && a.scope().ordinal() >= added.scope().ordinal()) {
                before = a;
                break;
            }
        }
        if (before == null) {
            ns.addresses.append(added);
        } else {
            ns.addresses.insertBefore(before, added);
        }
        kernel.addressAdded(added);
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

    private static final IpPrefix LOOPBACK_V4 = IpPrefix.parse("127.0.0.1/8");
    private static final IpPrefix LOOPBACK_V6 = IpPrefix.parse("::1/128");

    private static boolean has(SimNamespace ns, SimLink dev, IpPrefix p) {
        for (SimAddress a : ns.addressesOf(dev)) {
            if (a.prefix().equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Bringing lo up gives it 127.0.0.1/8 and ::1 when it lacks them (inetdev_event, init_loopback). */
    void loopbackUp(SimNamespace ns, SimLink lo) {
        if (!has(ns, lo, LOOPBACK_V4)) {
            try {
                addV4(ns, lo, LOOPBACK_V4, new Op.AddAddress(ns.name, lo.name, LOOPBACK_V4));
            } catch (OpException e) {
                // the same address with another mask is already there: the kernel keeps quiet too
            }
        }
        if (!has(ns, lo, LOOPBACK_V6)) {
            SimAddress a = new SimAddress(lo, LOOPBACK_V6, AddressScope.HOST, false);
            ns.addresses.append(a);
            kernel.addressAdded(a);
        }
    }
}
