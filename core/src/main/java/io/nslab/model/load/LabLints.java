package io.nslab.model.load;

import io.nslab.model.Endpoint;
import io.nslab.model.Family;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.model.VethLink;

import java.util.ArrayList;
import java.util.List;

/**
 * Warnings, not errors: a valid lab that probably does not say what its author meant. The kernel accepts each of
 * these, and the lab comes up; the pings then fail in ways that send a learner looking in the wrong place (adding a
 * host route where the subnet was mistyped). Found after the lab resolved without problems, so links of the raw lab
 * and of the lab correspond one to one.
 */
final class LabLints {
    private final RawLab raw;
    private final Lab lab;
    private final List<Problem> warnings = new ArrayList<>();

    private LabLints(RawLab raw, Lab lab) {
        this.raw = raw;
        this.lab = lab;
    }

    static List<Problem> of(RawLab raw, Lab lab) {
        LabLints l = new LabLints(raw, lab);
        for (int i = 0; i < lab.links().size() && i < raw.links().size(); i++) {
            l.link(raw.links().get(i), lab.links().get(i));
        }
        return l.warnings.stream().sorted().toList();
    }

    private void link(RawLink rawLink, VethLink link) {
        RawEndpoint ra = rawLink.endpoints().get(0);
        RawEndpoint rb = rawLink.endpoints().get(1);
        hostEnd(ra, link.a());
        hostEnd(rb, link.b());
        boolean bare = bare(ra, link.a(), link.b()) | bare(rb, link.b(), link.a());
        if (!bare) {
            for (Family f : Family.values()) {
                sharedSubnet(rb, link.a(), link.b(), f);
            }
        }
    }

    /** host:IFNAME with no node called host: an interface in the machine's own namespace, which a typo can also make. */
    private void hostEnd(RawEndpoint raw, Endpoint e) {
        if (lab.isHost(e.node())) {
            List<String> nodes = lab.nodes().keySet().stream().map(NodeName::value).toList();
            warnings.add(new Problem(raw.node().position(), "\"host:" + e.ifname() + "\" is an interface in this machine's own "
                    + "network namespace, as no node is called host (up makes it only with --allow-host); if you meant a node, "
                    + "declare it under nodes:" + Suggestions.hint("host", nodes)));
        }
    }

    /** An address written without a prefix length is a /32 (/128): a subnet of one, which reaches no peer. */
    private boolean bare(RawEndpoint raw, Endpoint self, Endpoint peer) {
        boolean found = false;
        for (int i = 0; i < raw.addresses().size() && i < self.addresses().size(); i++) {
            Located<String> written = raw.addresses().get(i);
            IpPrefix p = self.addresses().get(i);
            if (written.value().contains("/")) {
                continue;
            }
            found = true;
            IpPrefix peerPrefix = peer.addresses().stream().filter(q -> q.family() == p.family() && !q.isHost()).findFirst().orElse(null);
            String hint = peerPrefix == null ? ""
                    : "; its peer " + peer.label() + " has " + peerPrefix
                    + (peerPrefix.contains(p.address()) ? ": did you mean " + p.address() + "/" + peerPrefix.length() + "?" : "");
            warnings.add(new Problem(written.position(), "address " + written.value() + " has no prefix length and is taken as "
                    + p + ", a subnet of one address with no neighbour on it" + hint));
        }
        return found;
    }

    /** Both ends have addresses of a family, and no subnet of one end holds an address of the other. */
    private void sharedSubnet(RawEndpoint rawB, Endpoint a, Endpoint b, Family f) {
        List<IpPrefix> as = a.addresses().stream().filter(p -> p.family() == f && !p.address().isLinkLocal()).toList();
        List<IpPrefix> bs = b.addresses().stream().filter(p -> p.family() == f && !p.address().isLinkLocal()).toList();
        if (as.isEmpty() || bs.isEmpty()) {
            return;
        }
        for (IpPrefix x : as) {
            for (IpPrefix y : bs) {
                if (x.contains(y.address()) || y.contains(x.address())) {
                    return;
                }
            }
        }
        Position at = rawB.addresses().isEmpty() ? rawB.position() : rawB.addresses().getFirst().position();
        warnings.add(new Problem(at, "the ends of this link share no " + (f == Family.INET ? "IPv4" : "IPv6") + " subnet ("
                + a.label() + " " + as.getFirst() + ", " + b.label() + " " + bs.getFirst() + "): they reach each other only through "
                + "routes naming the interface; if they are meant to be neighbours, put both in one subnet"));
    }
}
