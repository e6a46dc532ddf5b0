package io.nslab.op;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.model.Route;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One change to a network, in the vocabulary shared by lab files, shell scripts and both
 * worlds. Namespaces are named as {@code ip netns} names them. Each op documents the
 * {@code ip} command it equals; both worlds refuse the same ops with the kernel's words.
 */
public sealed interface Op {

    /** The namespace the op works in. */
    String netns();

    /** What the op does, as the equivalent command: {@code ip -n ns1 addr add 10.0.0.1/24 dev v1}. */
    String command();

    /** {@code ip netns add NETNS}. */
    record AddNamespace(String netns) implements Op {
        public String command() {
            return "ip netns add " + netns;
        }
    }

    /** {@code ip netns del NETNS}: every link inside goes with it; veth peers elsewhere vanish too. */
    record DeleteNamespace(String netns) implements Op {
        public String command() {
            return "ip netns del " + netns;
        }
    }

    /** {@code ip -n NETNS link add NAME [mtu M] [address MAC] type veth peer name PEER netns PEERNETNS [address PEERMAC]}. */
    record AddVeth(String netns, IfName name, String peerNetns, IfName peer, OptionalInt mtu, Optional<MacAddress> mac,
                   OptionalInt peerMtu, Optional<MacAddress> peerMac) implements Op {
        public String command() {
            return ip(netns) + " link add " + name + mtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("")
                    + mac.map(m -> " address " + m).orElse("") + " type veth peer name " + peer + " netns " + peerNetns
                    + peerMtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("") + peerMac.map(m -> " address " + m).orElse("");
        }
    }

    /** {@code ip -n NETNS link add NAME [mtu M] [address MAC] type bridge}. */
    record AddBridge(String netns, IfName name, OptionalInt mtu, Optional<MacAddress> mac) implements Op {
        public String command() {
            return ip(netns) + " link add " + name + mtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("")
                    + mac.map(m -> " address " + m).orElse("") + " type bridge";
        }
    }

    /** {@code ip -n NETNS link del NAME} (a veth takes its peer with it). */
    record DeleteLink(String netns, IfName name) implements Op {
        public String command() {
            return ip(netns) + " link del " + name;
        }
    }

    /** {@code ip -n NETNS link set NAME master BRIDGE}, or {@code nomaster} when empty. */
    record SetMaster(String netns, IfName name, Optional<IfName> master) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + master.map(m -> " master " + m).orElse(" nomaster");
        }
    }

    /** {@code ip -n NETNS link set NAME up|down}. */
    record SetLinkState(String netns, IfName name, boolean up) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + (up ? " up" : " down");
        }
    }

    /** {@code ip -n NETNS link set NAME mtu MTU}. */
    record SetMtu(String netns, IfName name, int mtu) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + " mtu " + mtu;
        }
    }

    /** {@code ip -n NETNS link set NAME address MAC}. */
    record SetMac(String netns, IfName name, MacAddress mac) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + " address " + mac;
        }
    }

    /** {@code ip -n NETNS link set NAME name NEWNAME}. */
    record RenameLink(String netns, IfName name, IfName newName) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + " name " + newName;
        }
    }

    /** {@code ip -n NETNS link set NAME netns TARGET}: the link arrives down, without addresses. */
    record MoveLink(String netns, IfName name, String target) implements Op {
        public String command() {
            return ip(netns) + " link set " + name + " netns " + target;
        }
    }

    /** {@code ip -n NETNS addr add ADDRESS dev NAME} (IPv6 with {@code nodad}, so it is usable at once). */
    record AddAddress(String netns, IfName dev, IpPrefix address) implements Op {
        public String command() {
            return ip(netns) + " addr add " + address + " dev " + dev + (address.address().isV4() ? "" : " nodad");
        }
    }

    /** {@code ip -n NETNS addr del ADDRESS dev NAME}. */
    record DeleteAddress(String netns, IfName dev, IpPrefix address) implements Op {
        public String command() {
            return ip(netns) + " addr del " + address + " dev " + dev;
        }
    }

    /** {@code ip -n NETNS route add ROUTE}. */
    record AddRoute(String netns, Route route) implements Op {
        public String command() {
            return ip(netns) + " route add " + route;
        }
    }

    /** {@code ip -n NETNS route del ROUTE}. */
    record DeleteRoute(String netns, Route route) implements Op {
        public String command() {
            return ip(netns) + " route del " + route;
        }
    }

    /** {@code ip -n NETNS route replace ROUTE}. */
    record ReplaceRoute(String netns, Route route) implements Op {
        public String command() {
            return ip(netns) + " route replace " + route;
        }
    }

    /** {@code ip netns exec NETNS sysctl -w KEY=VALUE}. */
    record SetSysctl(String netns, String key, String value) implements Op {
        public String command() {
            return "ip netns exec " + netns + " sysctl -w " + key + "=" + value;
        }
    }

    /**
     * {@code ip -n NETNS neigh add ADDRESS lladdr MAC dev DEV nud permanent}: a static neighbour entry; no
     * ARP or NDP is sent for it, and it does not count against the host's neighbour-table limits.
     */
    record AddNeighbour(String netns, IfName dev, IpAddress address, MacAddress mac) implements Op {
        public String command() {
            return ip(netns) + " neigh add " + address + " lladdr " + mac + " dev " + dev + " nud permanent";
        }
    }

    /**
     * {@code ip -n NETNS}, or plain {@code ip} for the host's own namespace ({@link io.nslab.model.Lab#HOST_NETNS}),
     * where {@code host:IFNAME} endpoints live.
     */
    static String ip(String netns) {
        return io.nslab.model.Lab.HOST_NETNS.equals(netns) ? "ip" : "ip -n " + netns;
    }
}
