package io.nslab.firewall;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What of a lab's firewall the kernel world cannot install yet: a match of several ports or ICMP types, for which
 * nft makes an anonymous set. Such a lab is refused (exit 3) before anything changes, on the kernel and, so that the
 * two worlds build the same labs, by the deploy engine on the simulator too.
 */
public final class KernelFirewall {
    private KernelFirewall() {
    }

    /** Throws (exit 3) when a rule of the lab cannot be installed; {@code command} names what was asked. */
    public static void refuseRules(Lab lab, String command) {
        refusal(lab).ifPresent(why -> {
            throw new NslabException(ExitCode.ENVIRONMENT, command + ": " + why);
        });
    }

    /** Why the kernel world cannot build {@code lab}'s firewall, or empty. */
    public static Optional<String> refusal(Lab lab) {
        List<String> problems = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            for (Table t : n.firewall().tables()) {
                for (Chain c : t.chains()) {
                    for (Rule r : c.rules()) {
                        needsSet(r, t.family()).ifPresent(m -> problems.add("node " + n.name() + ": table " + t.label()
                                + " chain " + c.name() + ": rule \"" + r.text(t.family()) + "\": " + m
                                + " needs an anonymous set, which the kernel world does not install yet; write one rule per port or type"));
                    }
                }
            }
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("lab " + lab.name() + ": " + String.join("; ", problems) + "; nothing was changed");
    }

    /** The match of a rule that holds several ports or ICMP types, in nft's words, if it has one. */
    public static Optional<String> needsSet(Rule r, TableFamily family) {
        for (Match m : r.matches()) {
            boolean set = switch (m) {
                case Match.Port p -> p.ports().size() > 1;
                case Match.Icmp i -> i.types().size() > 1;
                case Match.Interface i -> false;
                case Match.Address a -> false;
                case Match.Protocol p -> false;
                case Match.CtState c -> false;
            };
            if (set) {
                return Optional.of("\"" + m.text(family) + "\"");
            }
        }
        return Optional.empty();
    }
}
