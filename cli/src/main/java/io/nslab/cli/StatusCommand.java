package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.LabRecord;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.render.StatusView;
import io.nslab.state.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nslab status [LAB]}: what runs, read back from the kernel, not from the file. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show running labs as the kernel has them: nodes with their namespace names, interfaces with state, "
                + "carrier and addresses, routes, forwarding. -o json and -o yaml print a list of labs, one per lab shown. "
                + "Needs root (it enters the namespaces); --sim shows a lab file as the simulator builds it.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "One lab: a running lab's name, a lab file, or - for "
            + "standard input; all running labs when left out.")
    String labArgument;

    @Mixin
    LabOption labOption;

    private String lab;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default), json or yaml.")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--sim", description = "Show the lab as the simulator builds it (LAB is then a lab file, or a running lab).")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        lab = labOption.or(labArgument);
        var store = kernel.store();
        if (sim) {
            return simulated(out);
        }
        List<String> labs = lab == null ? store.labs() : List.of(LabArgument.name(lab));
        if (lab != null && !store.lab(labs.getFirst()).exists()) {
            throw new NslabException(ExitCode.BAD_INPUT, "no lab \"" + labs.getFirst() + "\" is running"
                    + (store.labs().isEmpty() ? "" : " (running: " + String.join(", ", store.labs()) + ")"));
        }
        if (labs.isEmpty()) {
            out.print(format == OutputFormat.table ? "no labs running\n" : format.write(List.of()));
            out.flush(); // print, unlike println, does not flush: a process's answer was lost at exit
            return 0;
        }
        KernelOptions.requirePrivilege("status", Retry.of(spec), true);
        if (format == OutputFormat.table) {
            io.nslab.rootless.SubordinateIds.statusLine().ifPresent(l -> out.println("(" + l + ")\n"));
        }
        List<Object> trees = new ArrayList<>();
        try (KernelNetwork network = kernel.network()) {
            Deployer deployer = kernel.deployer(network, new Interruption());
            for (String name : labs) {
                LabRecord record = store.lab(name);
                Map<io.nslab.model.NamespaceRef, String> nodeOf = new LinkedHashMap<>();
                deployer.applied(record).ifPresent(l -> nodeNames(l, nodeOf));
                // only namespaces bound with the inode the lab made them with: not a stranger's, not one half made
                Map<io.nslab.model.NamespaceRef.Named, Long> owned = record.ownedNamespaces();
                List<io.nslab.model.NamespaceRef.Named> live = owned.keySet().stream()
                        .filter(n -> network.identity(n).equals(java.util.OptionalLong.of(owned.get(n)))).toList();
                Snapshot snapshot = network.snapshot(live);
                if (format == OutputFormat.table) {
                    LabStates.notice(name, store).ifPresent(n -> out.println("(" + n + ")"));
                    out.print(StatusView.table(name, nodeOf, snapshot));
                    for (io.nslab.model.NamespaceRef.Named ns : live) {
                        // the nf_tables ruleset as the kernel holds it, counters included (nft list ruleset)
                        io.nslab.netlink.nft.NftRuleset rs = network.nftRuleset(ns);
                        if (!rs.isEmpty()) {
                            out.println("\n  firewall of " + nodeOf.getOrDefault(ns, ns.name()) + " (nft list ruleset):");
                            io.nslab.kernel.FirewallReader.text(rs, network.deviceNames(ns)).lines()
                                    .forEach(line -> out.println("    " + line));
                        }
                    }
                    deployer.applied(record).ifPresent(l -> {
                        List<String> drift;
                        try (io.nslab.sim.SimNetwork file = io.nslab.sim.SimNetwork.of(l)) {
                            drift = io.nslab.explain.Drift.between(l, file.snapshot(), snapshot);
                        }
                        if (!drift.isEmpty()) {
                            out.println("\n  differs from the lab file as last applied (`nslab plan` shows the repair, `nslab up` makes it):");
                            drift.forEach(d -> out.println("    " + d));
                        }
                        List<String> impaired = io.nslab.fault.Impairments.lines(l);
                        if (!impaired.isEmpty()) {
                            out.println();
                            impaired.forEach(line -> out.println("  " + line));
                        }
                        List<String> services = NodeServices.status(record.directory(), l);
                        if (!services.isEmpty()) {
                            out.println();
                            services.forEach(sv -> out.println("  " + sv));
                        }
                    });
                    List<String> missing = record.namespaces().keySet().stream().filter(n -> !live.contains(n))
                            .map(io.nslab.model.NamespaceRef.Named::name).toList();
                    if (!missing.isEmpty()) {
                        out.println("  namespaces not (or no longer) the lab's: " + String.join(", ", missing)
                                + " (an up is under way or was interrupted, or they were removed or replaced outside nslab)");
                    }
                    out.println();
                } else {
                    // the lab file's impair:, as the table shows it (not yet what nslab impair set at run time)
                    trees.add(StatusView.tree(name, nodeOf, snapshot, deployer.applied(record)
                            .map(io.nslab.fault.Impairments::of).orElse(Map.of())));
                }
            }
        }
        if (format != OutputFormat.table) {
            out.print(format.write(trees)); // one shape whatever the arguments: a list of labs
        }
        out.flush();
        return 0;
    }

    private int simulated(PrintWriter out) {
        LabContext ctx = LabContext.resolve(lab, null, kernel.store(), true, Retry.of(spec), spec.commandLine().getErr());
        Map<io.nslab.model.NamespaceRef, String> nodeOf = new LinkedHashMap<>();
        nodeNames(ctx.lab(), nodeOf);
        try (io.nslab.sim.SimNetwork network = io.nslab.sim.SimNetwork.of(ctx.lab())) {
            Snapshot snapshot = network.snapshot();
            if (format == OutputFormat.table) {
                out.print(StatusView.table(ctx.lab().name(), nodeOf, snapshot));
                out.println("(simulated: networking only; nodes' other namespaces and limits are settings here, not built)");
                io.nslab.fault.Impairments.simulatorLines(ctx.lab()).forEach(out::println);
            } else {
                out.print(format.write(List.of(StatusView.tree(ctx.lab().name(), nodeOf, snapshot,
                        io.nslab.fault.Impairments.of(ctx.lab())))));
            }
        }
        out.flush();
        return 0;
    }

    private static void nodeNames(Lab l, Map<io.nslab.model.NamespaceRef, String> nodeOf) {
        l.nodes().keySet().forEach(n -> nodeOf.put(l.netnsOf(n), n.value()));
    }
}
