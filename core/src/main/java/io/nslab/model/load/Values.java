package io.nslab.model.load;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;

/** Parses located text into value types, reporting the reason at the text's position when it is not valid. */
final class Values {
    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    IpAddress address(Located<String> s, String what) {
        try {
            return IpAddress.parse(s.value());
        } catch (IllegalArgumentException e) {
            problems.add(s.position(), what + " \"" + s.value() + "\": " + e.getMessage());
            return null;
        }
    }

    /** An interface address {@code A/len}: host bits are the point, so they are kept. */
    IpPrefix interfaceAddress(Located<String> s) {
        IpPrefix p = prefix(s, "address");
        if (p == null) {
            return null;
        }
        IpAddress a = p.address();
        if (a.isUnspecified() || a.isMulticast()) {
            problems.add(s.position(), "address \"" + s.value() + "\" cannot be an interface address ("
                    + (a.isMulticast() ? "multicast" : "unspecified") + ")");
            return null;
        }
        if (a.isV4() && p.length() < 31 && !p.isHost() && a.equals(a.broadcast(p.length()))) {
            problems.add(s.position(), "address \"" + s.value() + "\" is the broadcast address of its subnet");
            return null;
        }
        return p;
    }

    /** A route destination: {@code default} or a prefix with no host bits, as the kernel insists. */
    IpPrefix destination(Located<String> s, boolean ipv6Hint) {
        if (s.value().equals("default")) {
            return IpPrefix.defaultRoute(ipv6Hint ? io.nslab.model.Family.INET6 : io.nslab.model.Family.INET);
        }
        IpPrefix p = prefix(s, "route destination");
        if (p != null && p.hasHostBits()) {
            problems.add(s.position(), "route destination " + s.value() + " has host bits set ("
                    + (p.address().isV4() ? "the kernel says \"Invalid prefix for given prefix length\""
                    : "the kernel would clear them") + "); did you mean " + p.network() + "?");
            return null;
        }
        return p;
    }

    IpPrefix prefix(Located<String> s, String what) {
        try {
            return IpPrefix.parse(s.value());
        } catch (IllegalArgumentException e) {
            problems.add(s.position(), what + " \"" + s.value() + "\": " + e.getMessage());
            return null;
        }
    }

    IfName ifname(Located<String> s) {
        String problem = IfName.problem(s.value());
        if (problem != null) {
            problems.add(s.position(), problem);
            return null;
        }
        return IfName.of(s.value());
    }

    MacAddress mac(Located<String> s) {
        if (s == null) {
            return null;
        }
        try {
            MacAddress m = MacAddress.parse(s.value());
            if (m.isMulticast() || m.isZero()) {
                problems.add(s.position(), "MAC " + s.value() + " is " + (m.isZero() ? "all zeros" : "a group (multicast) address")
                        + "; an interface needs a unicast MAC such as 02:00:00:00:00:01");
                return null;
            }
            return m;
        } catch (IllegalArgumentException e) {
            problems.add(s.position(), "MAC \"" + s.value() + "\": " + e.getMessage());
            return null;
        }
    }
}
