package io.nslab.firewall;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.Node;

import java.util.List;

/**
 * The kernel world and firewall rules: until nf_tables rules are installed over netlink, a lab with rules is refused
 * on the kernel (exit 3) rather than built without them, which would make every check answer a different network.
 */
public final class KernelFirewall {
    private KernelFirewall() {
    }

    /** Throws (exit 3) when a node of the lab has firewall rules; {@code command} names what was asked. */
    public static void refuseRules(Lab lab, String command) {
        refusal(lab).ifPresent(why -> {
            throw new NslabException(ExitCode.ENVIRONMENT, command + ": " + why);
        });
    }

    /** Why the kernel world cannot build {@code lab} (it has firewall rules), or empty. */
    public static java.util.Optional<String> refusal(Lab lab) {
        List<String> nodes = lab.nodes().values().stream().filter(n -> !n.firewall().isEmpty()).map(Node::name)
                .map(Object::toString).toList();
        if (nodes.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("lab " + lab.name() + " has firewall rules (on " + String.join(", ", nodes)
                + "), and firewall rules on the kernel need the nf_tables support of a later nslab version; nothing was "
                + "changed. The simulator runs them: nslab up --sim LAB.yaml, nslab check --sim LAB.yaml");
    }
}
