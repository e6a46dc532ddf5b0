package io.nslab.render;

import io.nslab.model.NamespaceRef;
import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ip -j link} and {@code ip -j addr} as iproute2 6.1 prints them: the same facts as the text, keys in its order. */
public final class IpLinkJson {
    private static final long FOREVER = 4294967295L;

    private IpLinkJson() {
    }

    public static String link(Snapshot world, NamespaceState ns) {
        List<Object> out = new ArrayList<>();
        for (LinkState l : ns.links()) {
            out.add(header(world, ns, l, true));
        }
        return Json.write(out);
    }

    public static String addr(Snapshot world, NamespaceState ns) {
        List<Object> out = new ArrayList<>();
        for (LinkState l : ns.links()) {
            Map<String, Object> m = header(world, ns, l, false);
            List<Object> infos = new ArrayList<>();
            for (AddressState a : ns.addresses()) {
                if (a.dev().equals(l.name())) {
                    infos.add(info(a, l));
                }
            }
            m.put("addr_info", infos);
            out.add(m);
        }
        return Json.write(out);
    }

    private static Map<String, Object> info(AddressState a, LinkState l) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean v4 = a.address().address().isV4();
        m.put("family", v4 ? "inet" : "inet6");
        m.put("local", a.address().address().toString());
        m.put("prefixlen", a.address().length());
        a.broadcast().ifPresent(b -> m.put("broadcast", b.toString()));
        m.put("scope", a.scope().word());
        if (a.secondary()) {
            m.put("secondary", true);
        }
        if (!v4 && a.scope() != AddressScope.HOST && a.scope() != AddressScope.LINK) {
            m.put("nodad", true); // nslab adds IPv6 addresses with nodad
        }
        if (v4) {
            m.put("label", l.name().value());
        }
        m.put("valid_life_time", FOREVER);
        m.put("preferred_life_time", FOREVER);
        return m;
    }

    /**
     * The id this namespace gives the peer's namespace. The kernel numbers the namespaces a namespace
     * refers to from 0 as it first needs them, which for a lab is the order its veths were made,
     * that is their index order.
     */
    static int netnsId(NamespaceState ns, NamespaceRef peerNetns) {
        List<NamespaceRef> seen = new ArrayList<>();
        for (LinkState l : ns.links()) {
            l.peer().map(LinkState.Peer::netns).filter(n -> !n.equals(ns.netns()) && !seen.contains(n)).ifPresent(seen::add);
        }
        return Math.max(0, seen.indexOf(peerNetns));
    }

    private static Map<String, Object> header(Snapshot world, NamespaceState ns, LinkState l, boolean linkView) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ifindex", l.index());
        Optional<Integer> peerIndex = Optional.empty();
        boolean otherNs = false;
        if (l.peer().isPresent()) {
            LinkState.Peer p = l.peer().get();
            peerIndex = world.namespace(p.netns()).flatMap(n -> n.links().stream().filter(x -> x.name().equals(p.name())).findFirst())
                    .map(LinkState::index);
            if (p.netns().equals(ns.netns())) {
                m.put("link", p.name().value());
            } else {
                otherNs = true;
                m.put("link_index", peerIndex.orElse(0));
            }
        }
        m.put("ifname", l.name().value());
        m.put("flags", IpLinkText.flags(ns, l, peerIndex));
        m.put("mtu", l.mtu());
        m.put("qdisc", l.adminUp() ? "noqueue" : "noop");
        l.master().ifPresent(b -> m.put("master", b.value()));
        m.put("operstate", l.operState().name());
        if (linkView) {
            m.put("linkmode", "DEFAULT");
        }
        m.put("group", "default");
        m.put("txqlen", 1000);
        boolean loopback = l.kind() == LinkKind.LOOPBACK;
        m.put("link_type", loopback ? "loopback" : "ether");
        m.put("address", l.mac().toString());
        m.put("broadcast", loopback ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff");
        if (otherNs) {
            m.put("link_netnsid", netnsId(ns, l.peer().get().netns()));
        }
        return m;
    }
}
