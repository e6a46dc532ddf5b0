package io.nslab.explain;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;

/** Where and why a packet's journey ended. {@link #text()} is the one-line verdict --explain prints. */
public sealed interface Disposition {
    String text();

    /** The node where the packet's fate was decided. */
    String node();

    default boolean delivered() {
        return this instanceof Delivered;
    }

    record Delivered(String node, IpAddress address) implements Disposition {
        public String text() {
            return "delivered to " + address + " at " + node;
        }
    }

    record NoRoute(String node, IpAddress destination) implements Disposition {
        public String text() {
            return "no route at " + node + " for " + destination;
        }
    }

    record NoReturnRoute(String node, IpAddress destination) implements Disposition {
        public String text() {
            return "no return route from " + node + " to " + destination;
        }
    }

    record ForwardingDisabled(String node, IfName in) implements Disposition {
        public String text() {
            return "forwarding disabled on " + node + " (packet came in on " + in + ")";
        }
    }

    record NeighbourUnreachable(String node, IpAddress neighbour, IfName dev) implements Disposition {
        public String text() {
            return "neighbour " + neighbour + " unreachable from " + node + " on " + dev + " (no ARP reply)";
        }
    }

    record LinkDown(String node, IfName dev) implements Disposition {
        public String text() {
            return "link down: " + node + ":" + dev + " has no carrier (its peer is down)";
        }
    }

    record TtlExceeded(String node) implements Disposition {
        public String text() {
            return "TTL exceeded at " + node;
        }
    }

    /** A blackhole, unreachable or prohibit route matched. */
    record RejectRoute(String node, String type, String route) implements Disposition {
        public String text() {
            return type + " route at " + node + " (" + route + ")";
        }
    }

    record RpFilterDrop(String node, IfName in, IpAddress source, String mode) implements Disposition {
        public String text() {
            return "rp_filter drop at " + node + ": " + mode + " reverse-path check fails for " + source + " arriving on " + in;
        }
    }

    record MartianSource(String node, IpAddress source) implements Disposition {
        public String text() {
            return "martian source at " + node + ": " + source + " is one of its own addresses (accept_local is off)";
        }
    }

    record LoopbackDown(String node) implements Disposition {
        public String text() {
            return "lo is down on " + node + ": local addresses are reached through it";
        }
    }

    record EchoIgnored(String node) implements Disposition {
        public String text() {
            return node + " ignores echo requests (net.ipv4.icmp_echo_ignore_all = 1)";
        }
    }

    /**
     * Dropped or rejected by a firewall rule or a chain's policy, at {@code hook}; {@code reject} is the reject
     * statement's text when the sender was told.
     */
    record Filtered(String node, String hook, io.nslab.firewall.RuleRef by, java.util.Optional<String> reject, IpAddress source,
                    IpAddress destination, io.nslab.firewall.ConnState state) implements Disposition {
        public String text() {
            return (reject.isPresent() ? "rejected (" + reject.get() + ")" : "dropped") + " at " + hook + " by " + by.text();
        }

        /** The decision as a hop at this node states it. */
        public String decision() {
            return (reject.isPresent() ? "rejected (" + reject.get() + ")" : "dropped") + " at " + hook + " by " + by.textHere();
        }
    }
}
