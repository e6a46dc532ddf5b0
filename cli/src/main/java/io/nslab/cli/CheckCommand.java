package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.deploy.Interruption;
import io.nslab.model.Lab;
import io.nslab.sim.CheckRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** {@code nslab check [LAB]}: the lab's declared checks, or every node against every address. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run a lab's expected-connectivity checks and report each as PASS or FAIL with what was expected "
                + "and seen; exit 1 if any fails. --all-pairs pings every interface address from every node that has an "
                + "address (a matrix for small labs, counts and failing pairs by cause for large ones, then Mininet's "
                + "pingall line); exit 1 if any ping is unanswered.",
        footer = {"", "Exit codes: 0 all passed, 1 a check failed or a ping was unanswered, 2 bad input, 3 environment, 4 internal."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A running lab's name, a lab file, or - for standard "
            + "input (default: the running lab).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @Option(names = "--all-pairs", description = "Ping every interface address of the lab from every node that has an address.")
    boolean allPairs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default), json, yaml or junit.")
    CheckReport.Format format = CheckReport.Format.table;

    @Option(names = "--sim", description = "Ask the simulator (no privilege needed) instead of the kernel.")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Retry retry = Retry.of(spec);
        LabContext ctx = LabContext.resolve(labOption.or(labArgument), null, kernel.store(), sim, retry, spec.commandLine().getErr());
        Lab lab = ctx.lab();
        if (allPairs) {
            // every node talking to every address is the worst case of the budget: refuse before the table overflows
            NeighbourReport.report(lab, kernel.procSys, "check --all-pairs", !sim, spec.commandLine().getErr());
        }
        try (Network network = ctx.network(sim, kernel, "check", retry)) {
            List<io.nslab.model.IpAddress> probed = allPairs ? new AllPairs(lab).targets.stream().map(AllPairs.Target::address).toList()
                    : lab.checks().stream().map(c -> c.destination()).toList();
            settle(network, lab, probed, out);
            if (allPairs) {
                return allPairs(lab, network, out);
            }
            List<CheckRunner.Verdict> verdicts = probes(network, lab.checks().size(),
                    i -> CheckRunner.run(network, lab, lab.checks().get(i)));
            out.print(format == CheckReport.Format.table ? CheckReport.table(verdicts) : CheckReport.write(format, lab.name(), "checks",
                    CheckReport.results(verdicts)));
            out.flush();
            return verdicts.stream().allMatch(CheckRunner.Verdict::passed) ? 0 : ExitCode.CHECK_FAILED.code();
        }
    }

    /**
     * On the kernel, what {@code up} waits for before its checks: carrier on every veth (the kernel raises it
     * asynchronously; a packet sent before is dropped) and IPv6 duplicate address detection, so that the first
     * check right after {@code up} sees no loss that a second would not.
     */
    private void settle(Network network, Lab lab, List<io.nslab.model.IpAddress> probed, PrintWriter out) throws InterruptedException {
        if (network instanceof io.nslab.kernel.KernelNetwork k
                && !kernel.deployer(k, new Interruption()).awaitCarrier(lab, Duration.ofSeconds(2))) {
            out.println("(some links had no carrier after 2 s; pings over them may see loss)");
        }
        if (!awaitIpv6(network, lab, probed)) {
            out.println("(IPv6 duplicate address detection still runs; IPv6 pings may see loss)");
        }
    }

    /**
     * On the kernel, before IPv6 destinations are probed: waits (3 s at most) for the link-local DAD that holds back
     * forwarded IPv6 packets on fresh links (see {@link io.nslab.kernel.probe.Ipv6Dad}); false if it still runs.
     */
    static boolean awaitIpv6(Network network, Lab lab, List<io.nslab.model.IpAddress> destinations) throws InterruptedException {
        if (!(network instanceof io.nslab.kernel.KernelNetwork k) || destinations.stream().allMatch(io.nslab.model.IpAddress::isV4)) {
            return true;
        }
        List<io.nslab.model.NamespaceRef> names = lab.nodes().keySet().stream().map(lab::netnsOf).toList();
        return io.nslab.kernel.probe.Ipv6Dad.await(k.registry(), names, Duration.ofSeconds(3));
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    /** Kernel probes in flight at once: enough to keep a large lab's all-pairs short, few enough for sockets' buffers. */
    static final int IN_FLIGHT = 256;

    /**
     * Runs n probes, results in order. Kernel probes wait on the network, not the CPU, so they run side
     * by side; the simulator is plain computation on one model and runs them one after another.
     */
    static <T> List<T> probes(Network network, int n, Task<T> task) throws Exception {
        if (network instanceof io.nslab.sim.SimNetwork) {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(task.run(i));
            }
            return out;
        }
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                inFlight.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        return task.run(k);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
                }
            }
            return out;
        }
    }

    private int allPairs(Lab lab, Network network, PrintWriter out) throws Exception {
        AllPairs matrix = new AllPairs(lab);
        Progress progress = Progress.counting(spec.commandLine().getErr(), "all pairs", matrix.size());
        List<AllPairs.Pair> pairs = matrix.run(network, progress);
        progress.done();
        if (format == CheckReport.Format.table) {
            matrix.table(pairs, out);
        } else {
            out.print(CheckReport.write(format, lab.name(), "all-pairs", CheckReport.pairs(pairs)));
        }
        out.flush();
        return pairs.stream().allMatch(AllPairs.Pair::answered) ? 0 : ExitCode.CHECK_FAILED.code();
    }
}
