package io.nslab.graph;

import java.util.List;

/**
 * One end of a link: {@code ns1:v1} with its addresses.
 *
 * @param addresses with prefix length, IPv4 first as the kernel lists them; link-local ones left out
 */
public record LinkEnd(String node, String ifname, List<String> addresses) {
    public LinkEnd {
        addresses = List.copyOf(addresses);
    }

    /** {@code ns1:v1}, as lab files write it. */
    public String label() {
        return node + ":" + ifname;
    }

    /** The label drawn at this end: {@code v1 10.10.10.2/24}. */
    public String text() {
        return addresses.isEmpty() ? ifname : ifname + " " + String.join(" ", addresses);
    }
}
