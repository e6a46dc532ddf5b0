package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.model.Endpoint;
import io.nslab.model.Lab;
import io.nslab.model.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rootless lab cannot have, refused before anything is made (exit 3): the machine's own network namespace
 * and its sysctls belong to root, and cgroup limits need a cgroup the user may write: a cgroup v2 subtree delegated
 * to the user ({@link io.nslab.rootless.DelegatedCgroup}), where systemd gives one.
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
        List<Node> cgrouped = lab.nodes().values().stream()
                .filter(n -> !n.isolation().limits().isEmpty() || n.isolation().has(io.nslab.model.NamespaceKind.CGROUP)).toList();
        java.util.Set<String> needed = new java.util.TreeSet<>();
        cgrouped.forEach(n -> needed.addAll(controllers(n.isolation().limits())));
        List<String> limited = cgrouped.stream().map(Node::name).map(Object::toString).toList();
        java.util.Optional<String> why = limited.isEmpty() ? java.util.Optional.empty()
                : io.nslab.rootless.DelegatedCgroup.ofThisProcess().refusal(needed);
        if (why.isPresent()) {
            out.add(new Refusal(ExitCode.ENVIRONMENT, "node" + (limited.size() == 1 ? " " : "s ") + String.join(", ", limited)
                    + " of lab " + lab.name() + " " + (limited.size() == 1 ? "has" : "have") + " resource limits or a cgroup "
                    + "namespace, which need a cgroup of the node's own, in a cgroup v2 subtree delegated to you: " + why.get()
                    + ". A rootless lab cannot have them here. Run it as root, or leave out limits and the cgroup namespace."));
        }
        return out;
    }

    /** The cgroup v2 controllers that {@code limits} need. */
    static java.util.Set<String> controllers(io.nslab.model.Limits limits) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        limits.memoryBytes().ifPresent(b -> out.add("memory"));
        if (limits.cpuWeight().isPresent() || limits.cpuQuotaPercent().isPresent()) {
            out.add("cpu");
        }
        limits.pids().ifPresent(n -> out.add("pids"));
        return out;
    }
}
