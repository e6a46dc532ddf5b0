package io.nslab.op;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.IpPrefix;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;
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
    NamespaceRef netns();

    /** What the op does, as the equivalent command: {@code ip -n ns1 addr add 10.0.0.1/24 dev v1}. */
    String command();

    /** {@code ip netns add NETNS}. */
    record AddNamespace(NamespaceRef.Named netns) implements Op {
        public String command() {
            return "ip netns add " + netns;
        }
    }

    /** {@code ip netns del NETNS}: every link inside goes with it; veth peers elsewhere vanish too. */
    record DeleteNamespace(NamespaceRef.Named netns) implements Op {
        public String command() {
            return "ip netns del " + netns;
        }
    }

    /** {@code ip -n NETNS link add NAME [mtu M] [address MAC] type veth peer name PEER netns PEERNETNS [address PEERMAC]}. */
    record AddVeth(NamespaceRef netns, IfName name, NamespaceRef peerNetns, IfName peer, OptionalInt mtu, Optional<MacAddress> mac,
                   OptionalInt peerMtu, Optional<MacAddress> peerMac) implements Op {
        public String command() {
            return netns.ip() + " link add " + name + mtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("")
                    + mac.map(m -> " address " + m).orElse("") + " type veth peer name " + peer + " netns " + peerNetns.netnsArgument()
                    + peerMtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("") + peerMac.map(m -> " address " + m).orElse("");
        }
    }

    /** {@code ip -n NETNS link add NAME [mtu M] [address MAC] type bridge}. */
    record AddBridge(NamespaceRef netns, IfName name, OptionalInt mtu, Optional<MacAddress> mac) implements Op {
        public String command() {
            return netns.ip() + " link add " + name + mtu.stream().mapToObj(m -> " mtu " + m).findFirst().orElse("")
                    + mac.map(m -> " address " + m).orElse("") + " type bridge";
        }
    }

    /** {@code ip -n NETNS link del NAME} (a veth takes its peer with it). */
    record DeleteLink(NamespaceRef netns, IfName name) implements Op {
        public String command() {
            return netns.ip() + " link del " + name;
        }
    }

    /** {@code ip -n NETNS link set NAME master BRIDGE}, or {@code nomaster} when empty. */
    record SetMaster(NamespaceRef netns, IfName name, Optional<IfName> master) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + master.map(m -> " master " + m).orElse(" nomaster");
        }
    }

    /** {@code ip -n NETNS link set NAME up|down}. */
    record SetLinkState(NamespaceRef netns, IfName name, boolean up) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + (up ? " up" : " down");
        }
    }

    /** {@code ip -n NETNS link set NAME mtu MTU}. */
    record SetMtu(NamespaceRef netns, IfName name, int mtu) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + " mtu " + mtu;
        }
    }

    /** {@code ip -n NETNS link set NAME address MAC}. */
    record SetMac(NamespaceRef netns, IfName name, MacAddress mac) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + " address " + mac;
        }
    }

    /** {@code ip -n NETNS link set NAME name NEWNAME}. */
    record RenameLink(NamespaceRef netns, IfName name, IfName newName) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + " name " + newName;
        }
    }

    /** {@code ip -n NETNS link set NAME netns TARGET}: the link arrives down, without addresses. */
    record MoveLink(NamespaceRef netns, IfName name, NamespaceRef target) implements Op {
        public String command() {
            return netns.ip() + " link set " + name + " netns " + target.netnsArgument();
        }
    }

    /** {@code ip -n NETNS addr add ADDRESS dev NAME} (IPv6 with {@code nodad}, so it is usable at once). */
    record AddAddress(NamespaceRef netns, IfName dev, IpPrefix address) implements Op {
        public String command() {
            return netns.ip() + " addr add " + address + " dev " + dev + (address.address().isV4() ? "" : " nodad");
        }
    }

    /** {@code ip -n NETNS addr del ADDRESS dev NAME}. */
    record DeleteAddress(NamespaceRef netns, IfName dev, IpPrefix address) implements Op {
        public String command() {
            return netns.ip() + " addr del " + address + " dev " + dev;
        }
    }

    /** {@code ip -n NETNS route add ROUTE}. */
    record AddRoute(NamespaceRef netns, Route route) implements Op {
        public String command() {
            return netns.ip() + " route add " + route;
        }
    }

    /** {@code ip -n NETNS route del ROUTE}. */
    record DeleteRoute(NamespaceRef netns, Route route) implements Op {
        public String command() {
            return netns.ip() + " route del " + route;
        }
    }

    /** {@code ip -n NETNS route replace ROUTE}. */
    record ReplaceRoute(NamespaceRef netns, Route route) implements Op {
        public String command() {
            return netns.ip() + " route replace " + route;
        }
    }

    /** {@code ip netns exec NETNS sysctl -w KEY=VALUE}. */
    record SetSysctl(NamespaceRef netns, String key, String value) implements Op {
        public String command() {
            return netns.exec("sysctl -w " + key + "=" + value);
        }
    }

    /**
     * {@code ip -n NETNS neigh add ADDRESS lladdr MAC dev DEV nud permanent}: a static neighbour entry; no
     * ARP or NDP is sent for it, and it does not count against the host's neighbour-table limits.
     */
    record AddNeighbour(NamespaceRef netns, IfName dev, IpAddress address, MacAddress mac) implements Op {
        public String command() {
            return netns.ip() + " neigh add " + address + " lladdr " + mac + " dev " + dev + " nud permanent";
        }
    }

    /**
     * {@code ip netns exec NETNS nft -f FILE} where FILE holds {@code add table F N; delete table F N; table F N {...}}:
     * the table made, or its content replaced whole, in one nf_tables transaction (the kernel applies all or none).
     */
    record SetTable(NamespaceRef netns, io.nslab.firewall.Table table) implements Op {
        public String command() {
            int rules = table.chains().stream().mapToInt(c -> c.rules().size()).sum();
            return netns.exec("nft -f - # table " + table.label() + ": " + table.chains().size() + " chains, " + rules
                    + " rules, replaced whole");
        }
    }

    /** {@code ip netns exec NETNS nft delete table FAMILY NAME}: its chains and rules with it. */
    record DeleteTable(NamespaceRef netns, io.nslab.firewall.TableFamily family, String name) implements Op {
        public String command() {
            return netns.exec("nft delete table " + family.word() + " " + name);
        }
    }
}
