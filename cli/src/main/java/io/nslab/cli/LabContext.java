package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.deploy.StateStore;
import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import io.nslab.sim.SimNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab a probe command works on: a lab file, a running lab's name, or — when neither is given —
 * the running lab that has the node. With {@code --sim} the lab lives in memory for the command.
 */
record LabContext(Lab lab) {

    static LabContext resolve(String labArgument, String node, StateStore store, boolean sim) {
        if (labArgument != null) {
            if (LabArgument.isFile(labArgument)) {
                return new LabContext(LabFiles.load(Path.of(labArgument)));
            }
            return new LabContext(running(labArgument, store, sim));
        }
        List<Lab> withNode = new ArrayList<>();
        for (String name : store.labs()) {
            Lab l = running(name, store, sim);
            if (node == null || (NodeName.problem(node) == null && l.node(NodeName.of(node)).isPresent())) {
                withNode.add(l);
            }
        }
        if (withNode.size() == 1) {
            return new LabContext(withNode.getFirst());
        }
        if (withNode.isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, (node == null ? "no lab is running" : "no running lab has a node \"" + node + "\"")
                    + (sim ? "; name the lab file with -l LAB.yaml" : "; start one with nslab up LAB.yaml, or use --sim -l LAB.yaml"));
        }
        throw new NslabException(ExitCode.BAD_INPUT, "several running labs could be meant ("
                + String.join(", ", withNode.stream().map(Lab::name).toList()) + "); choose one with -l LAB");
    }

    private static Lab running(String name, StateStore store, boolean sim) {
        var record = store.lab(name);
        String text = record.appliedLab().orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT,
                "no lab \"" + name + "\" is running" + (sim ? "; with --sim, name the lab file: -l LAB.yaml" : "")));
        return LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text);
    }

    /** The namespace of a node of this lab; exits 2 when the lab has no such node. */
    io.nslab.model.NamespaceRef netnsOf(String node) {
        if (NodeName.problem(node) != null || lab.node(NodeName.of(node)).isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "lab " + lab.name() + " has no node \"" + node + "\"");
        }
        return lab.netnsOf(NodeName.of(node));
    }

    /** An address, or a node (its first address), or node:ifname. */
    IpAddress destination(String target) {
        try {
            return IpAddress.parse(target);
        } catch (IllegalArgumentException notAnAddress) {
            return lab.addressOf(target).orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT,
                    "\"" + target + "\" is neither an address nor a node (or node:ifname) of lab " + lab.name() + " with an address"));
        }
    }

    /** The world to probe: the simulator built from the lab, or the kernel. */
    Network network(boolean sim, KernelOptions kernel, String command) {
        if (sim) {
            return SimNetwork.of(lab);
        }
        io.nslab.firewall.KernelFirewall.refuseRules(lab, command);
        KernelOptions.requirePrivilege(command);
        return kernel.network();
    }
}
