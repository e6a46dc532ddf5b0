package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.LabRecord;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.NamespaceKind;
import io.nslab.model.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nslab exec NODE -- CMD}: a command inside a node's namespaces. The child is started by
 * util-linux {@code nsenter}: a JVM has many threads and cannot move itself into another
 * namespace, and a child forked from one thread that entered it would depend on how the JDK
 * launches processes; nsenter enters, then execs, in a single-threaded process.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command inside a node's namespaces (network, and the others it has), with stdin, stdout, stderr and the exit code "
                + "passed through. Without a command, opens a shell there. Needs root.")
final class ExecCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "The node.")
    String node;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Option(names = {"-l", "--lab"}, paramLabel = "LAB", description = "The lab, when more than one runs.")
    String lab;

    @Mixin
    KernelOptions kernel;

    @Override
    public Integer call() throws Exception {
        KernelOptions.requirePrivilege("exec");
        String netns = resolve();
        Path netnsFile = kernel.netnsDir.resolve(netns);
        NodeIsolation isolation = new NodeIsolation(kernel.store().lab(labOfNode).directory(), labOfNode, node);
        Set<NamespaceKind> kinds = kindsOfNode;
        requireNamespaces(netnsFile, isolation, kinds);
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
        if (command.isEmpty()) {
            String shell = System.getenv().getOrDefault("SHELL", "/bin/sh");
            argv.add(shell);
        } else {
            argv.addAll(command);
        }
        try {
            Process p = new ProcessBuilder(argv).inheritIO().start();
            return p.waitFor();
        } catch (java.io.IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab exec: cannot run nsenter (util-linux): " + e.getMessage());
        }
    }

    private String labOfNode;
    private Set<NamespaceKind> kindsOfNode;

    /**
     * Fails closed: a namespace file of the node that is missing or is no namespace (unmounted by a
     * killed down, say) would leave the command in the enclosing world's namespace of that kind.
     */
    private void requireNamespaces(Path netnsFile, NodeIsolation isolation, Set<NamespaceKind> kinds) {
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
            throw new NslabException(ExitCode.ENVIRONMENT, "node \"" + node + "\" of lab " + labOfNode + ": "
                    + (broken.size() == 1 ? "its namespace file " : "its namespace files ") + String.join(", ", broken)
                    + (broken.size() == 1 ? " is" : " are") + " missing or no namespace (left so by an interrupted down?);"
                    + " nothing was run. Take the lab down (nslab down " + labOfNode + ") and up again");
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

    private String resolve() {
        var store = kernel.store();
        List<String> labs = lab != null ? List.of(LabArgument.name(lab)) : store.labs();
        List<String> found = new ArrayList<>();
        try (KernelNetwork network = kernel.network()) {
            Deployer deployer = kernel.deployer(network, new Interruption());
            for (String name : labs) {
                LabRecord record = store.lab(name);
                deployer.applied(record).ifPresent(l -> {
                    if (NodeName.problem(node) == null && l.node(NodeName.of(node)).isPresent()) {
                        found.add(l.namespaceOf(NodeName.of(node)).name() + "\0" + name);
                        kindsOfNode = l.node(NodeName.of(node)).orElseThrow().isolation().kinds();
                    }
                });
            }
        }
        if (found.isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "no running lab has a node \"" + node + "\""
                    + (labs.isEmpty() ? " (no labs running)" : " (running: " + String.join(", ", labs) + ")"));
        }
        if (found.size() > 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "node \"" + node + "\" is in several labs ("
                    + String.join(", ", found.stream().map(f -> f.substring(f.indexOf('\0') + 1)).toList()) + "); choose one with -l LAB");
        }
        labOfNode = found.getFirst().substring(found.getFirst().indexOf('\0') + 1);
        return found.getFirst().substring(0, found.getFirst().indexOf('\0'));
    }
}
