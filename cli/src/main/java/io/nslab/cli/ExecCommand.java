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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> argv = new ArrayList<>();
        List<String> enter = isolation.nsenterArgs(netnsFile);
        if (isolation.file(NamespaceKind.MOUNT).isEmpty()) {
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
