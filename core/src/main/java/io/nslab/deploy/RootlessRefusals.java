package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rootless lab cannot have, refused before anything is made (exit 3): the machine's own network namespace
 * and its sysctls belong to root, and cgroup limits need a cgroup the user may write.
 */
final class RootlessRefusals {
    private RootlessRefusals() {
    }

    static List<Refusal> of(Lab lab, boolean tuneHost) {
        List<Refusal> out = new ArrayList<>();
        List<Endpoint> host = lab.hostEndpoints();
        if (!host.isEmpty()) {
            out.add(new Refusal(ExitCode.ENVIRONMENT, "lab " + lab.name() + " has host endpoints ("
                    + String.join(", ", host.stream().map(Endpoint::label).toList()) + "), interfaces in this machine's own "
                    + "network namespace, which only root may change; a rootless lab cannot have them. Run it as root "
                    + "(sudo ./nslab up --allow-host ...), or give the link a node of the lab instead of host."));
        }
        if (tuneHost) {
            out.add(new Refusal(ExitCode.ENVIRONMENT, "--tune-host writes the machine's neighbour limits, which only root may "
                    + "change; a rootless lab cannot. Run it as root, or make the lab smaller."));
        }
        List<String> limited = lab.nodes().values().stream()
                .filter(n -> !n.isolation().limits().isEmpty() || n.isolation().has(io.nslab.model.NamespaceKind.CGROUP))
                .map(Node::name).map(Object::toString).toList();
        if (!limited.isEmpty()) {
            out.add(new Refusal(ExitCode.ENVIRONMENT, "node" + (limited.size() == 1 ? " " : "s ") + String.join(", ", limited)
                    + " of lab " + lab.name() + " " + (limited.size() == 1 ? "has" : "have") + " resource limits or a cgroup "
                    + "namespace, which need a cgroup of the node's own that only root may make here; a rootless lab cannot "
                    + "have them. Run it as root, or leave out limits and the cgroup namespace."));
        }
        return out;
    }
}
