package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.deploy.StateStore;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import io.nslab.model.load.Suggestions;
import io.nslab.sim.SimNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab a probe command works on: a lab file (or {@code -}), a running lab's name, or — when neither is given —
 * the running lab that has the node. With {@code --sim} the lab lives in memory for the command.
 */
record LabContext(Lab lab) {

    /** {@code retry} is the user's command, from which hints are made. */
    static LabContext resolve(String labArgument, String node, StateStore store, boolean sim, Retry retry, java.io.PrintWriter err) {
        return resolve(labArgument, node, store, sim, true, retry, err);
    }

    /** As above, for a command that has no simulator ({@code simulable} false: exec), whose hints do not offer --sim. */
    static LabContext resolve(String labArgument, String node, StateStore store, boolean sim, boolean simulable, Retry retry,
                              java.io.PrintWriter err) {
        if (labArgument != null) {
            return switch (LabArgument.of(labArgument)) {
                case LabArgument.Name n -> new LabContext(running(n.name(), store, sim, retry, err));
                case LabArgument argument -> new LabContext(LabFiles.loadWithText(argument).lab());
            };
        }
        List<Lab> withNode = new ArrayList<>();
        List<Lab> all = new ArrayList<>();
        List<String> halfUp = new ArrayList<>();
        for (String name : store.labs()) {
            Lab l = runningOrNull(name, store);
            if (l == null) {
                halfUp.add(name);
                continue;
            }
            all.add(l);
            if (node == null || (NodeName.problem(node) == null && l.node(NodeName.of(node)).isPresent())) {
                withNode.add(l);
            }
        }
        if (withNode.size() == 1) {
            LabStates.warnIfInterrupted(withNode.getFirst().name(), store, err);
            return new LabContext(withNode.getFirst());
        }
        if (withNode.isEmpty() && all.isEmpty() && halfUp.size() == 1) {
            throw LabStates.notYetUp(halfUp.getFirst(), store); // the one lab there is: say what state it is in
        }
        if (withNode.isEmpty()) {
            String fix = simulable && (sim || all.isEmpty()) ? "; name the lab file: " + retry.without("--sim").withOptions("--sim", "-l", "LAB.yaml") : "";
            if (node == null || all.isEmpty()) {
                String start = sim ? "" : "; start one with `nslab up LAB.yaml`";
                throw new NslabException(ExitCode.BAD_INPUT, "no lab is running" + LabStates.interruptedNote(store) + start + fix);
            }
            throw new NslabException(ExitCode.BAD_INPUT, "no running lab has a node \"" + node + "\"" + nodeHint(node, all) + fix);
        }
        throw new NslabException(ExitCode.BAD_INPUT, "several running labs could be meant ("
                + String.join(", ", withNode.stream().map(Lab::name).toList()) + "); choose one: "
                + retry.withOptions("-l", withNode.getFirst().name()));
    }

    /** " (did you mean "ns1"?); running: seed (nodes ns1, router, ns2)". */
    static String nodeHint(String node, List<Lab> labs) {
        List<String> names = labs.stream().flatMap(l -> l.nodes().keySet().stream()).map(NodeName::value).toList();
        List<String> each = labs.stream().map(l -> l.name() + " (nodes " + String.join(", ", l.nodes().keySet().stream()
                .map(NodeName::value).toList()) + ")").toList();
        return Suggestions.hint(node, names) + "; running: " + String.join(", ", each);
    }

    /** The lab as last applied by {@code up}; a lab whose first up is under way or was interrupted is said to be so. */
    static Lab running(String name, StateStore store, boolean sim, Retry retry, java.io.PrintWriter err) {
        var record = store.lab(name);
        if (!record.exists()) {
            throw new NslabException(ExitCode.BAD_INPUT, "no lab \"" + name + "\" is running"
                    + (sim ? "; with --sim, name the lab file: " + retry.withOptions("-l", "LAB.yaml") : runningList(store)));
        }
        String text = record.appliedLab().orElseThrow(() -> LabStates.notYetUp(name, store));
        LabStates.warnIfInterrupted(name, store, err);
        return LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text);
    }

    private static String runningList(StateStore store) {
        List<String> labs = store.labs();
        return labs.isEmpty() ? "; start it with `nslab up LAB.yaml`" : " (running: " + String.join(", ", labs) + ")";
    }

    private static Lab runningOrNull(String name, StateStore store) {
        var record = store.lab(name);
        return record.appliedLab().map(text -> LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text)).orElse(null);
    }

    /** The namespace of a node of this lab; exits 2 when the lab has no such node, with the closest name. */
    io.nslab.model.NamespaceRef netnsOf(String node) {
        if (NodeName.problem(node) != null || lab.node(NodeName.of(node)).isEmpty()) {
            List<String> names = lab.nodes().keySet().stream().map(NodeName::value).toList();
            throw new NslabException(ExitCode.BAD_INPUT, "lab " + lab.name() + " has no node \"" + io.nslab.MessageText.oneLine(node) + "\""
                    + Suggestions.hint(node, names) + "; its nodes: " + String.join(", ", names));
        }
        return lab.netnsOf(NodeName.of(node));
    }

    /** An address, or a node (its first address), or node:ifname. */
    IpAddress destination(String target) {
        try {
            return IpAddress.parse(target);
        } catch (IllegalArgumentException notAnAddress) {
            return lab.addressOf(target).orElseThrow(() -> {
                String node = target.contains(":") ? target.substring(0, target.indexOf(':')) : target;
                List<String> names = lab.nodes().keySet().stream().map(NodeName::value).toList();
                return new NslabException(ExitCode.BAD_INPUT, "\"" + io.nslab.MessageText.oneLine(target)
                        + "\" is neither an address nor a node (or node:ifname) of lab " + lab.name() + " with an address"
                        + Suggestions.hint(node, names));
            });
        }
    }

    /** The world to probe: the simulator built from the lab, or the kernel. */
    Network network(boolean sim, KernelOptions kernel, String command, Retry retry) {
        if (sim) {
            return SimNetwork.of(lab);
        }
        io.nslab.firewall.KernelFirewall.refuseRules(lab, command);
        KernelOptions.requirePrivilege(command, retry, true);
        return kernel.network();
    }
}
