package io.nslab.netlink;

import io.nslab.netlink.msg.Ifla;
import io.nslab.netlink.msg.MessageBuilder;

/**
 * What a new link is made with: its name, and optionally the interface index, MTU and MAC to give it (0, 0 and
 * null let the kernel choose). Sent in the request that creates the link, as {@code ip link add NAME index I
 * mtu M address MAC} sends them, so a link never exists with other values.
 */
public record LinkEnd(String name, int index, int mtu, MacAddress mac) {
    public LinkEnd {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a link needs a name");
        }
        if (index < 0 || mtu < 0) {
            throw new IllegalArgumentException("index and mtu cannot be negative: " + index + ", " + mtu);
        }
    }

    public static LinkEnd named(String name) {
        return new LinkEnd(name, 0, 0, null);
    }

    public LinkEnd withIndex(int i) {
        return new LinkEnd(name, i, mtu, mac);
    }

    public LinkEnd withMtu(int m) {
        return new LinkEnd(name, index, m, mac);
    }

    public LinkEnd withMac(MacAddress m) {
        return new LinkEnd(name, index, mtu, m);
    }

    /** The attributes after the name: MTU and MAC, where given. */
    void writeAttributes(MessageBuilder b) {
        if (mtu > 0) {
            b.attrU32(Ifla.MTU, mtu);
        }
        if (mac != null) {
            b.attr(Ifla.ADDRESS, mac.bytes());
        }
    }

    /** The {@code ip link add} words for the attributes: {@code  index 5 mtu 1400 address 02:...}. */
    String words() {
        return (index > 0 ? " index " + index : "") + (mtu > 0 ? " mtu " + mtu : "") + (mac != null ? " address " + mac : "");
    }
}
