package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceKind;
import io.nslab.model.NodeName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The argv that runs a command inside a node's namespaces (network, and its own UTS, PID, mount, ... where it has
 * them) through util-linux {@code nsenter}: {@code exec}, and {@code up}'s exec commands and services.
 */
final class NodeCommand {
    private NodeCommand() {
    }

    static List<String> argv(KernelOptions kernel, Lab lab, String node, List<String> command) {
        NodeName name = NodeName.of(node);
        String netns = lab.namespaceOf(name).name();
        Path netnsFile = kernel.netnsDir.resolve(netns);
        NodeIsolation isolation = new NodeIsolation(kernel.store().lab(lab.name()).directory(), lab.name(), node);
        Set<NamespaceKind> kinds = lab.node(name).orElseThrow().isolation().kinds();
        requireNamespaces(lab.name(), node, netnsFile, isolation, kinds);
        List<String> argv = new ArrayList<>();
        List<String> enter = isolation.nsenterArgs(netnsFile, kinds);
        if (!kinds.contains(NamespaceKind.MOUNT)) {
            // Like ip netns exec: a private mount namespace with /sys mounted afresh, so that
            // /sys/class/net shows the node's links; the user's command is "$@".
            enter.addAll(List.of("--", "unshare", "--mount", "--propagation", "slave", "--", "/bin/sh", "-c",
                    "umount -l /sys 2>/dev/null; mount -t sysfs \"$1\" /sys 2>/dev/null; shift; exec \"$@\"", "nslab-exec", netns));
        } else {
            enter.add("--");
        }
        argv.addAll(isolation.joinCgroupsThenExec()); // from outside the node's cgroup namespace, so first
        argv.addAll(enter);
        argv.addAll(command);
        return argv;
    }

    /** The node's network namespace file. */
    static Path netnsFile(KernelOptions kernel, Lab lab, String node) {
        return kernel.netnsDir.resolve(lab.namespaceOf(NodeName.of(node)).name());
    }

    /**
     * Fails closed: a namespace file of the node that is missing or is no namespace (unmounted by a
     * killed down, say) would leave the command in the enclosing world's namespace of that kind.
     */
    private static void requireNamespaces(String lab, String node, Path netnsFile, NodeIsolation isolation, Set<NamespaceKind> kinds) {
        List<String> broken = new ArrayList<>();
        if (!isNamespace(netnsFile)) {
            broken.add("network (" + netnsFile + ")");
        }
        for (NamespaceKind k : kinds) {
            Path f = isolation.directory().resolve(k.lsnsName());
            if (!isNamespace(f)) {
                broken.add(k.word() + " (" + f + ")");
            }
        }
        if (!broken.isEmpty()) {
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\" of lab " + lab + ": "
                    + (broken.size() == 1 ? "its namespace file " : "its namespace files ") + String.join(", ", broken)
                    + (broken.size() == 1 ? " is" : " are") + " missing or no namespace (left so by an interrupted down?);"
                    + " nothing was run. Take the lab down (`nslab down " + lab + "`) and up again");
        }
    }

    /** A namespace file that iproute2 or nslab holds: a bind mount of a /proc/PID/ns file, on nsfs. */
    static boolean isNamespace(Path f) {
        try {
            return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.getFileStore(f).type().equals("nsfs");
        } catch (IOException e) {
            return false;
        }
    }
}
