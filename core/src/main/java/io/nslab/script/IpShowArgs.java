package io.nslab.script;

import io.nslab.state.LinkKind;
import io.nslab.state.LinkState;
import io.nslab.state.NamespaceState;

import java.util.List;
import java.util.function.Predicate;

/**
 * The words of {@code ip link show} and {@code ip addr show}: a device ({@code [dev] DEV}), {@code up}, the links chosen
 * by {@code master DEV}, {@code nomaster} and {@code type KIND}, and for addresses {@code scope SCOPE} and {@code label
 * PATTERN}; or what ip says of them, and its exit status.
 */
record IpShowArgs(String dev, boolean upOnly, String scope, String label, Predicate<LinkState> chosen, String error,
                  int status) {

    private static IpShowArgs bad(String error, int status) {
        return new IpShowArgs(null, false, null, null, l -> true, error, status);
    }

    static IpShowArgs parse(Invocation inv, List<String> rest, boolean addresses, NamespaceState ns) {
        String dev = null;
        boolean upOnly = false;
        String scope = null;
        String label = null;
        Predicate<LinkState> chosen = l -> true;
        for (int i = 0; i < rest.size(); i++) {
            String w = rest.get(i);
            if (w.equals("up")) {
                upOnly = true;
            } else if (w.equals("master") && i + 1 < rest.size()) {
                String master = rest.get(++i);
                if (IpLinkCommand.find(inv, master).isEmpty()) {
                    return bad("Error: argument \"" + master + "\" is wrong: Device does not exist\n\n", 255);
                }
                chosen = chosen.and(l -> l.master().filter(m -> m.value().equals(master)).isPresent());
            } else if (w.equals("nomaster")) {
                chosen = chosen.and(l -> l.master().isEmpty());
            } else if (w.equals("type") && i + 1 < rest.size()) {
                String type = rest.get(++i);
                Predicate<LinkState> kind = kind(type);
                if (kind == null && ns.links().stream().anyMatch(l -> l.kind() == LinkKind.OTHER)) {
                    return bad("nslab script: ip " + (addresses ? "addr" : "link") + " show type " + type + " is not simulated\n", 2);
                }
                chosen = chosen.and(kind == null ? l -> false : kind); // a kind no link here has: none, exit 0
            } else if (addresses && w.equals("label") && i + 1 < rest.size()) {
                label = rest.get(++i);
            } else if (addresses && w.equals("scope") && i + 1 < rest.size()) {
                scope = rest.get(++i);
                if (!IpAddrView.SCOPES.contains(scope)) {
                    return bad("nslab script: ip addr show scope " + scope + " is not simulated\n", 2);
                }
            } else if (dev != null) { // ip's duparg2, with the word after a second "dev"
                String garbage = w.equals("dev") && i + 1 < rest.size() ? rest.get(i + 1) : w;
                return bad("Error: either \"dev\" is duplicate, or \"" + garbage + "\" is a garbage.\n", 255);
            } else {
                dev = w.equals("dev") && i + 1 < rest.size() ? rest.get(++i) : w;
            }
        }
        return new IpShowArgs(dev, upOnly, scope, label, chosen, null, 0);
    }

    /** The links of a kind {@code type} names, as the simulator tells them apart; null for another kind. */
    private static Predicate<LinkState> kind(String type) {
        return switch (type) {
            case "veth" -> l -> l.kind() == LinkKind.VETH;
            case "bridge" -> l -> l.kind() == LinkKind.BRIDGE;
            case "bridge_slave" -> l -> l.master().isPresent();
            default -> null;
        };
    }
}
