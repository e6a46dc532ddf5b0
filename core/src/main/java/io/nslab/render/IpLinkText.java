package io.nslab.render;

import io.nslab.state.AddressScope;
import io.nslab.state.AddressState;
import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;
import io.nslab.state.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip link} and {@code ip addr} as iproute2 6.1 prints them. The snapshot is needed for a veth's
 * {@code @ifN}: the peer's index in its own namespace.
 */
public final class IpLinkText {
    private IpLinkText() {
    }

    public static String link(Snapshot world, NamespaceState ns) {
        StringBuilder sb = new StringBuilder();
        for (LinkState l : ns.links()) {
            header(sb, world, ns, l, true);
        }
        return sb.toString();
    }

    public static String addr(Snapshot world, NamespaceState ns) {
        StringBuilder sb = new StringBuilder();
        for (LinkState l : ns.links()) {
            header(sb, world, ns, l, false);
            for (AddressState a : ns.addresses()) {
                if (!a.dev().equals(l.name())) {
                    continue;
                }
                if (a.address().address().isV4()) {
                    sb.append("    inet ").append(a.address());
                    a.broadcast().ifPresent(b -> sb.append(" brd ").append(b));
                    sb.append(" scope ").append(a.scope().word());
                    if (a.secondary()) {
                        sb.append(" secondary");
                    }
                    sb.append(' ').append(l.name()).append('\n');
                } else {
                    sb.append("    inet6 ").append(a.address()).append(" scope ").append(a.scope().word()).append(' ');
                    if (a.scope() != AddressScope.HOST && a.scope() != AddressScope.LINK) {
                        // nslab adds IPv6 addresses with nodad so they are usable at once
                        sb.append("nodad ");
                    }
                    sb.append('\n');
                }
                sb.append("       valid_lft forever preferred_lft forever\n");
            }
        }
        return sb.toString();
    }

    private static void header(StringBuilder sb, Snapshot world, NamespaceState ns, LinkState l, boolean linkView) {
        sb.append(l.index()).append(": ").append(l.name());
        Optional<Integer> peerIndex = Optional.empty();
        boolean sameNs = false;
        if (l.peer().isPresent()) {
            LinkState.Peer p = l.peer().get();
            sameNs = p.netns().equals(ns.netns());
            peerIndex = world.namespace(p.netns()).flatMap(n -> n.links().stream().filter(x -> x.name().equals(p.name())).findFirst())
                    .map(LinkState::index);
            sb.append('@').append(sameNs ? p.name().value() : "if" + peerIndex.map(String::valueOf).orElse("0"));
        }
        sb.append(": <").append(String.join(",", flags(ns, l, sameNs ? peerIndex : Optional.empty()))).append("> mtu ").append(l.mtu())
                .append(" qdisc ").append(l.adminUp() ? "noqueue" : "noop");
        l.master().ifPresent(m -> sb.append(" master ").append(m));
        sb.append(" state ").append(l.operState()).append(linkView ? " mode DEFAULT" : "").append(" group default qlen 1000\n");
        if (l.kind() == LinkKind.LOOPBACK) {
            sb.append("    link/loopback ").append(l.mac()).append(" brd 00:00:00:00:00:00\n");
        } else {
            sb.append("    link/ether ").append(l.mac()).append(" brd ff:ff:ff:ff:ff:ff");
            if (l.peer().isPresent() && !sameNs) {
                // ip names the peer's namespace when /run/netns has a name for it; the host's has none, only an id
                sb.append(switch (l.peer().get().netns()) {
                    case io.nslab.model.NamespaceRef.Named n -> " link-netns " + n.name();
                    case io.nslab.model.NamespaceRef.Host h -> " link-netnsid 0";
                });
            }
            sb.append('\n');
        }
    }

    /**
     * NO-CARRIER first, the IFF_ names in iproute2's order, then M-DOWN, which ip prints when the peer is
     * down, and only for a peer in the same namespace (a peer elsewhere comes with IFLA_LINK_NETNSID, and
     * then ip looks nothing up).
     */
    static List<String> flags(NamespaceState ns, LinkState l, Optional<Integer> peerIndex) {
        List<String> f = new ArrayList<>();
        if (l.adminUp() && !l.carrier()) {
            f.add("NO-CARRIER");
        }
        if (l.kind() == LinkKind.LOOPBACK) {
            f.add("LOOPBACK");
        } else {
            f.add("BROADCAST");
            f.add("MULTICAST");
        }
        if (l.adminUp()) {
            f.add("UP");
        }
        if (l.carrier()) {
            f.add("LOWER_UP");
        }
        if (peerIndex.isPresent()) {
            int idx = peerIndex.get();
            ns.links().stream().filter(x -> x.index() == idx).findFirst().ifPresent(x -> {
                if (!x.adminUp()) {
                    f.add("M-DOWN");
                }
            });
        }
        return f;
    }
}
