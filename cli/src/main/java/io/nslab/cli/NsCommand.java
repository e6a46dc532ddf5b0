package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.LabRecord;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.isolation.NodeIsolation;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceKind;
import io.nslab.model.NodeName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nslab ns [LAB]}: each node's namespaces, like lsns, and which of them nodes share. */
@Command(name = "ns", mixinStandardHelpOptions = true,
        description = "List each node's namespaces like lsns: kind, inode, and what holds it (a bind mount under "
                + "/run/netns or /run/nslab, or the host's own), and which nodes share a namespace. Needs root.")
final class NsCommand implements Callable<Integer> {
    private static final List<String> KINDS = List.of("net", "uts", "ipc", "mnt", "pid", "cgroup", "time", "user");

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "One lab: a running lab's name, a lab file, or - for "
            + "standard input; all running labs when left out.")
    String labArgument;

    @picocli.CommandLine.Mixin
    LabOption labOption;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    record Row(String lab, String node, String kind, long inode, String holder) {
    }

    @Override
    public Integer call() throws IOException {
        KernelOptions.requirePrivilege("ns");
        PrintWriter out = spec.commandLine().getOut();
        var store = kernel.store();
        String lab = labOption.or(labArgument);
        List<String> labs = lab == null ? store.labs() : List.of(LabArgument.name(lab));
        List<Row> rows = new ArrayList<>();
        try (KernelNetwork network = kernel.network()) {
            Deployer deployer = kernel.deployer(network, new Interruption());
            for (String name : labs) {
                LabRecord record = store.lab(name);
                if (!record.exists()) {
                    throw new NslabException(ExitCode.BAD_INPUT, "no lab \"" + name + "\" is running"
                            + (store.labs().isEmpty() ? "" : " (running: " + String.join(", ", store.labs()) + ")"));
                }
                Lab l = deployer.applied(record).orElse(null);
                if (l == null) {
                    if (lab != null) {
                        throw LabStates.notYetUp(name, store);
                    }
                    spec.commandLine().getErr().println("nslab ns: " + LabStates.notYetUp(name, store).getMessage());
                    continue;
                }
                LabStates.warnIfInterrupted(name, store, spec.commandLine().getErr());
                for (NodeName n : l.nodes().keySet()) {
                    NodeIsolation iso = new NodeIsolation(record.directory(), name, n.value());
                    Path netns = kernel.netnsDir.resolve(l.namespaceOf(n).name());
                    rows.add(new Row(name, n.value(), "net", inode(netns), netns.toString()));
                    for (String kind : KINDS.subList(1, KINDS.size())) {
                        NamespaceKind k = kindOf(kind);
                        var own = iso.file(k);
                        if (own.isPresent()) {
                            rows.add(new Row(name, n.value(), kind, inode(own.get()), own.get().toString()));
                        } else {
                            Path host = Path.of("/proc/self/ns", kind); // this process is in the host's namespaces
                            rows.add(new Row(name, n.value(), kind, inode(host), "host"));
                        }
                    }
                }
            }
        }
        Map<Long, List<String>> byInode = new LinkedHashMap<>();
        rows.forEach(r -> byInode.computeIfAbsent(r.inode(), i -> new ArrayList<>()).add(r.node()));
        out.printf("%-12s %-10s %-6s %-11s %-24s %s%n", "LAB", "NODE", "KIND", "INODE", "SHARED WITH", "HOLDER");
        for (Row r : rows) {
            List<String> others = byInode.get(r.inode()).stream().filter(x -> !x.equals(r.node())).distinct().toList();
            String shared = r.holder().equals("host") ? "host" + (others.isEmpty() ? "" : " + " + others.size() + " nodes")
                    : others.isEmpty() ? "-" : String.join(",", others);
            out.printf("%-12s %-10s %-6s %-11d %-24s %s%n", r.lab(), r.node(), r.kind(), r.inode(), shared, r.holder());
        }
        out.flush();
        return 0;
    }

    private static NamespaceKind kindOf(String lsns) {
        for (NamespaceKind k : NamespaceKind.values()) {
            if (k.lsnsName().equals(lsns)) {
                return k;
            }
        }
        throw new IllegalArgumentException(lsns);
    }

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }
}
