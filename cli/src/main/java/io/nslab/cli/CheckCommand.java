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

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default), json, jsonl (JSON lines, written as "
            + "results come), yaml or junit.")
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
            if (format == CheckReport.Format.table) {
                out.print(CheckReport.table(verdicts));
            } else {
                CheckReport.write(format, lab.name(), CheckReport.results(verdicts), out);
            }
            if (network instanceof io.nslab.kernel.KernelNetwork k) {
                // on stderr under a machine-readable format, so that the report stays parseable
                HostFindings.afterChecks(k, lab, verdicts, format == CheckReport.Format.table ? out : spec.commandLine().getErr());
            }
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

    /** Takes probe {@code i}'s result; called in probe order. */
    interface Each<T> {
        void accept(int i, T result) throws Exception;
    }

    /** Fewer simulated pings than this are done before a copy of the lab would be built: one thread does them. */
    static final int PARALLEL_PAIRS = 20_000;
    static final int MAX_THREADS = 8;

    private static Network simulated(Lab lab) {
        try {
            return io.nslab.sim.SimNetwork.of(lab);
        } catch (io.nslab.op.OpException e) {
            throw new IllegalStateException("the lab built once and not again: " + e.getMessage(), e);
        }
    }

    /** Kernel probes in flight at once: enough to keep a large lab's all-pairs short, few enough for sockets' buffers. */
    static final int IN_FLIGHT = 256;

    /** Runs n probes, results in order. */
    static <T> List<T> probes(Network network, int n, Task<T> task) throws Exception {
        List<T> out = new ArrayList<>();
        probes(network, n, task, (i, r) -> out.add(r));
        return out;
    }

    /**
     * Runs n probes, handing each result on in order as soon as it and those before it are done, so that nothing
     * waits for the last probe and nobody keeps every result. Kernel probes wait on the network, not the CPU, so
     * they run side by side; the simulator is plain computation on one model and runs them one after another.
     */
    static <T> void probes(Network network, int n, Task<T> task, Each<T> each) throws Exception {
        if (network instanceof io.nslab.sim.SimNetwork) {
            for (int i = 0; i < n; i++) {
                each.accept(i, task.run(i));
            }
            return;
        }
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.ArrayDeque<Future<T>> pending = new java.util.ArrayDeque<>();
            int next = 0;
            for (int i = 0; i < n; i++) {
                int k = i;
                inFlight.acquire();
                pending.add(pool.submit(() -> {
                    try {
                        return task.run(k);
                    } finally {
                        inFlight.release();
                    }
                }));
                while (!pending.isEmpty() && pending.peek().isDone()) {
                    each.accept(next++, result(pending.poll()));
                }
            }
            while (!pending.isEmpty()) {
                each.accept(next++, result(pending.poll()));
            }
        }
    }

    private static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Every pair, its result kept as one int; JSON lines are written as the pings are done, the other formats
     * (whose counts come first) straight after, result by result.
     */
    private int allPairs(Lab lab, Network network, PrintWriter out) throws Exception {
        AllPairs pairs = new AllPairs(lab);
        Progress progress = Progress.counting(spec.commandLine().getErr(), "all pairs", pairs.size());
        // the simulator's pings of a large lab run on every core, each thread on a copy of the simulated lab
        java.util.function.Supplier<Network> copy = network instanceof io.nslab.sim.SimNetwork && pairs.size() >= PARALLEL_PAIRS
                ? () -> simulated(lab) : null;
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        if (format == CheckReport.Format.jsonl) {
            try (ReportText text = new ReportText(out)) {
                pairs.run(network, copy, threads, progress, i -> CheckReport.jsonLine(text, CheckReport.pair(pairs, i)));
                progress.done();
                CheckReport.summaryLine(text, lab.name(), "all-pairs", pairs.answered(), pairs.size() - pairs.answered());
            }
        } else {
            pairs.run(network, copy, threads, progress, i -> { });
            progress.done();
            if (format == CheckReport.Format.table) {
                pairs.table(out);
            } else {
                CheckReport.write(format, lab.name(), "all-pairs", pairs.size(), pairs.size() - pairs.answered(),
                        i -> CheckReport.pair(pairs, i), out);
            }
        }
        out.flush();
        return pairs.allAnswered() ? 0 : ExitCode.CHECK_FAILED.code();
    }
}
