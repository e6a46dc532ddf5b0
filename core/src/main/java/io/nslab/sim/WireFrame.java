package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.MacAddress;

import java.util.Optional;

/** An Ethernet frame as the simulator sends it: its MACs and what it carries, field by field (no bytes). */
public sealed interface WireFrame {
    /** The broadcast address ARP requests go to. */
    MacAddress BROADCAST = new MacAddress(0xffffffffffffL);

    MacAddress source();

    MacAddress destination();

    /** An ARP request ({@code request}) or reply for IPv4 over Ethernet; a request's target MAC is zero. */
    record Arp(MacAddress source, MacAddress destination, boolean request, MacAddress senderMac, IpAddress senderIp,
               MacAddress targetMac, IpAddress targetIp) implements WireFrame {
    }

    /** An IP datagram (IPv4 or IPv6, by its addresses). */
    record Ip(MacAddress source, MacAddress destination, Datagram datagram) implements WireFrame {
    }

    /** The IP header's fields the simulator decides, and the content. */
    record Datagram(IpAddress src, IpAddress dst, int ttl, Content content) {
    }

    /** What a datagram carries. */
    sealed interface Content {
        /** An ICMP (ICMPv6) echo request or reply of {@code size} data bytes; its sequence is the tap's current one. */
        record Echo(boolean request, int id, int size) implements Content {
        }

        /** An ICMP error of the IPv4 {@code type} and {@code code} (a redirect names its gateway), quoting {@code about}. */
        record IcmpError(int type, int code, Optional<IpAddress> gateway, Datagram about) implements Content {
        }

        /** An IPv6 neighbour solicitation or advertisement. */
        record Ndp(boolean solicitation) implements Content {
        }

        /** A TCP segment ({@code protocol} 6, flags by {@code kind}: SYN, SYN_ACK, RST) or UDP datagram (17, DATA). */
        record Transport(int protocol, int sport, int dport, String kind) implements Content {
        }
    }
}
