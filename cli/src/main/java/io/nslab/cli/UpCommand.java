package io.nslab.cli;

import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.op.Op;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code nslab up LAB.yaml}: validate, plan against what runs, apply; roll back on any failure or signal. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Build a lab on the kernel: namespaces, veth pairs, bridges, addresses, routes and sysctls. "
                + "A running lab is brought to the file's state by applying only the difference. If anything fails, "
                + "or SIGINT/SIGTERM arrives, everything this run did is undone. Needs root.")
final class UpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "The lab file, - for standard input, or a running lab's "
            + "name (its lab as last applied; default: the running lab, when only one runs).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @picocli.CommandLine.Option(names = "--timing", description = "Print how long each phase took (to stderr).")
    boolean timing;

    @picocli.CommandLine.Option(names = "--sim", description = "Build the lab in the simulator, in memory for this command "
            + "(no privilege needed), and run its checks there.")
    boolean sim;

    @picocli.CommandLine.Option(names = "--tune-host", description = "If the lab's dynamic neighbour (ARP/NDP) entries "
            + "exceed the host's limits (net.ipv4/ipv6.neigh.default.gc_thresh2/3, shared by all namespaces), raise them to "
            + "what the lab needs; the old values are recorded under /run/nslab/LAB/host-sysctls and restored by down and "
            + "cleanup. Without this option nslab never writes the host's sysctls.")
    boolean tuneHost;

    @picocli.CommandLine.Option(names = "--allow-host", description = "Allow the lab's host endpoints (host:IFNAME in a link): "
            + "interfaces nslab then creates in this machine's own network namespace, with their addresses; down removes "
            + "them. Without this option a lab with host endpoints is refused before anything is made.")
    boolean allowHost;

    @picocli.CommandLine.Option(names = "--keep-drift", description = "Leave what was changed by hand in the lab's namespaces "
            + "since the last up (routes, addresses, link states, sysctls, static neighbours) as it is; by default up puts "
            + "the lab as last applied back first.")
    boolean keepDrift;

    @picocli.CommandLine.Option(names = {"-v", "--verbose"}, description = "Name every namespace in notes that concern "
            + "many (resuming an interrupted up); without it such notes are counted.")
    boolean verbose;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    private int simulate(Lab lab, PrintWriter out) throws Exception {
        long start = System.nanoTime();
        NeighbourReport.report(lab, kernel.procSys, "up", false, spec.commandLine().getErr());
        try (io.nslab.sim.SimNetwork network = io.nslab.sim.SimNetwork.of(lab)) {
            out.println("lab " + lab.name() + " is up in the simulator: " + OpSummary.of(io.nslab.op.LabPlanner.plan(lab))
                    + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            io.nslab.fault.Impairments.apply(network, java.util.Optional.empty(), lab);
            io.nslab.fault.Impairments.simulatorLines(lab).forEach(out::println);
            if (lab.nodes().values().stream().anyMatch(n -> n.isolation().isIsolated())) {
                out.println("(the simulator models networking only; nodes' other namespaces and limits are not simulated)");
            }
            List<String> running = lab.nodes().values().stream().filter(n -> !n.startup().isEmpty()).map(n -> n.name().value()).toList();
            if (!running.isEmpty()) {
                out.println("(the simulator runs no processes: the exec commands and services of " + String.join(", ", running)
                        + " were not run; `nslab up` without --sim runs them)");
            }
            return runChecks(lab, network, out);
        }
    }

    private static int runChecks(Lab lab, io.nslab.Network network, PrintWriter out) throws Exception {
        if (lab.checks().isEmpty()) {
            return 0;
        }
        List<io.nslab.sim.CheckRunner.Verdict> verdicts = CheckCommand.probes(network, lab.checks().size(),
                i -> io.nslab.sim.CheckRunner.run(network, lab, lab.checks().get(i)));
        out.print(CheckReport.table(verdicts));
        if (network instanceof io.nslab.kernel.KernelNetwork k) {
            HostFindings.afterChecks(k, lab, verdicts, out);
        }
        out.flush();
        return verdicts.stream().allMatch(io.nslab.sim.CheckRunner.Verdict::passed) ? 0 : 1;
    }

    /** The lab as last applied, whose impairments an incremental up takes off where the file no longer has them. */
    private java.util.Optional<Lab> appliedBefore(String name) {
        var record = kernel.store().lab(name);
        if (!record.exists()) {
            return java.util.Optional.empty();
        }
        try {
            return record.appliedLab().map(t -> io.nslab.model.load.LabLoader.parse("lab.yaml", t));
        } catch (RuntimeException unreadable) {
            return java.util.Optional.empty(); // then every impairment of the file is applied, none taken off
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!sim) {
            io.nslab.netlink.Downcalls.prepareInBackground(DowncallsAhead.UP);
        }
        // read once: a pipe cannot be read twice
        LabFiles.Loaded loaded = LabSource.of(labOption.or(labArgument), kernel.store(), "up");
        String text = loaded.text();
        Lab lab = loaded.lab();
        loaded.warn(spec.commandLine().getErr(), allowHost);
        if (sim) {
            return simulate(lab, out);
        }
        io.nslab.firewall.KernelFirewall.refuseRules(lab, "up");
        KernelOptions.requirePrivilege("up", Retry.of(spec), false);
        Interruption interruption = new Interruption();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interruption.request();
            try {
                finished.await(60, TimeUnit.SECONDS); // let up roll back before the JVM goes
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "nslab-up-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        java.util.Optional<Lab> before = appliedBefore(lab.name());
        try (KernelNetwork network = kernel.network()) {
            Deployer deployer = kernel.deployer(network, interruption).tuneHost(tuneHost).allowHost(allowHost).keepDrift(keepDrift);
            Progress progress = Progress.forOps(spec.commandLine().getErr(), lab.nodes().size());
            io.nslab.deploy.UpResult result;
            try {
                result = deployer.up(lab, text, progress::step);
            } catch (io.nslab.deploy.UpFailure f) {
                f.hostNotes().forEach(spec.commandLine().getErr()::println);
                spec.commandLine().getErr().flush();
                throw f;
            }
            result.hostNotes().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            progress.done();
            if (timing) {
                result.timings().forEach(t -> spec.commandLine().getErr().printf(
                        "%-16s %6d ops %8.1f ms   cpu: %5d ms user %5d ms kernel%n",
                        t.kind(), t.ops(), t.nanos() / 1e6, t.cpu().userMillis(), t.cpu().systemMillis()));
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            NoteSummary.lines(result.notes(), verbose).forEach(out::println);
            if (result.upToDate()) {
                out.println("lab " + lab.name() + " is up to date: nothing to do");
            } else {
                out.println("lab " + lab.name() + " is up: " + OpSummary.of(result.applied()) + " in " + ms + " ms");
            }
            out.println(NamespaceNames.line(lab));
            out.flush();
            try (io.nslab.deploy.StateStore.Lock ignored = kernel.store().lock(lab.name(),
                    java.time.Duration.ofSeconds(Math.max(0, kernel.waitSeconds)), spec.commandLine().getErr()::println)) {
                io.nslab.fault.Impairments.apply(network, before, lab); // as a fault command would, under the lab's lock
            }
            io.nslab.fault.Impairments.lines(lab).forEach(out::println);
            NodeServices.Report services = new NodeServices(kernel, lab).reconcile();
            services.lines().forEach(out::println);
            out.flush();
            if (!lab.checks().isEmpty() && !deployer.awaitCarrier(lab, java.time.Duration.ofSeconds(2))) {
                out.println("(some links had no carrier 2 s after up; checks may see loss)");
            }
            if (!CheckCommand.awaitIpv6(network, lab, lab.checks().stream().map(c -> c.destination()).toList())) {
                out.println("(IPv6 duplicate address detection still ran 3 s after up; IPv6 checks may see loss)");
            }
            int checks = runChecks(lab, network, out);
            return services.failed() ? Math.max(checks, 1) : checks;
        } finally {
            finished.countDown();
            if (!interruption.isRequested()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}
