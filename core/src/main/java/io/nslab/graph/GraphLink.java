package io.nslab.graph;

import java.util.Optional;

/**
 * A veth pair of the picture.
 *
 * @param subnet the network its ends share (or, for a bridge port, the one the bridge's LAN is on), if any
 * @param up     both ends up with carrier; a link that is not is drawn dashed
 */
public record GraphLink(LinkEnd a, LinkEnd b, Optional<String> subnet, boolean up) {

    /** {@code ns1:v1 -- router:v1_r}. */
    public String label() {
        return a.label() + " -- " + b.label();
    }

    /** True when {@code node:ifname} is one of its ends. */
    public boolean hasEnd(String node, String ifname) {
        return a.node().equals(node) && a.ifname().equals(ifname) || b.node().equals(node) && b.ifname().equals(ifname);
    }
}
