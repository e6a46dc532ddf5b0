package io.nslab.cli;

import io.nslab.Network;
import io.nslab.model.Endpoint;
import io.nslab.model.IpPrefix;
import io.nslab.model.Lab;
import io.nslab.model.Node;
import io.nslab.model.NodeName;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code nslab check [LAB]}: the lab's declared checks, or every node against every address. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run a lab's expected-connectivity checks and report each as PASS or FAIL with what was expected "
                + "and seen; exit 1 if any fails. --all-pairs pings every interface address of every node from every "
                + "node and prints a matrix.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A lab file or a running lab's name (default: the running lab).")
    String lab;

    @Option(names = "--all-pairs", description = "Ping every interface address of every node from every node.")
    boolean allPairs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json.")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--sim", description = "Ask the simulator (no privilege needed) instead of the kernel.")
    boolean sim;

    @Mixin
    KernelOptions kernel;


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LabContext ctx = LabContext.resolve(lab, null, kernel.store(), sim);
        if (allPairs) {
            // every node talking to every address is the worst case of the budget: refuse before the table overflows
            NeighbourReport.report(ctx.lab(), kernel.procSys, "check --all-pairs", !sim, spec.commandLine().getErr());
        }
        try (Network network = ctx.network(sim, kernel, "check")) {
            List<io.nslab.model.IpAddress> probed = allPairs ? ctx.lab().links().stream()
                    .flatMap(l -> l.endpoints().stream()).flatMap(e -> e.addresses().stream()).map(IpPrefix::address).toList()
                    : ctx.lab().checks().stream().map(c -> c.destination()).toList();
            if (!awaitIpv6(network, ctx.lab(), probed)) {
                out.println("(IPv6 duplicate address detection still runs; IPv6 pings may see loss)");
            }
            if (allPairs) {
                return allPairs(ctx.lab(), network, out);
            }
            List<CheckRunner.Verdict> verdicts = probes(network, ctx.lab().checks().size(),
                    i -> CheckRunner.run(network, ctx.lab(), ctx.lab().checks().get(i)));
            out.print(format == OutputFormat.table ? CheckReport.table(verdicts) : format.write(CheckReport.tree(verdicts)));
            out.flush();
            return verdicts.stream().allMatch(CheckRunner.Verdict::passed) ? 0 : 1;
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
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.run(k)));
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
        List<String> targets = new ArrayList<>();
        List<io.nslab.model.IpAddress> addresses = new ArrayList<>();
        for (Node n : lab.nodes().values()) {
            for (Endpoint e : lab.endpointsOf(n.name())) {
                for (IpPrefix p : e.addresses()) {
                    targets.add(n.name() + ":" + e.ifname() + (e.addresses().size() > 1 ? "/" + p.address() : ""));
                    addresses.add(p.address());
                }
            }
            for (var b : n.bridges()) {
                for (IpPrefix p : b.addresses()) {
                    targets.add(n.name() + ":" + b.name());
                    addresses.add(p.address());
                }
            }
        }
        List<NodeName> nodes = List.copyOf(lab.nodes().keySet());
        int cols = addresses.size();
        List<PingResult> results = probes(network, nodes.size() * cols, i -> network.ping(new PingRequest(
                lab.netnsOf(nodes.get(i / cols)), addresses.get(i % cols), 1, Duration.ofMillis(200), Duration.ofSeconds(1),
                OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty())));
        long replies = results.stream().filter(r -> r.received() > 0).count();
        if (format == OutputFormat.json) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", nodes.get(i / cols).value());
                m.put("to", targets.get(i % cols));
                m.put("address", addresses.get(i % cols).toString());
                m.put("reply", results.get(i).received() > 0);
                rows.add(m);
            }
            out.print(format.write(rows));
        } else {
            int w = nodes.stream().mapToInt(n -> n.value().length()).max().orElse(4);
            out.printf("%-" + w + "s", "");
            for (int c = 0; c < cols; c++) {
                out.printf(" %3d", c + 1);
            }
            out.println();
            for (int r = 0; r < nodes.size(); r++) {
                out.printf("%-" + w + "s", nodes.get(r));
                for (int c = 0; c < cols; c++) {
                    PingResult res = results.get(r * cols + c);
                    out.printf(" %3s", res.received() > 0 ? "ok" : res.connectError().isPresent() ? "!" : res.errors() > 0 ? "x" : ".");
                }
                out.println();
            }
            for (int c = 0; c < cols; c++) {
                out.printf("%3d  %s (%s)%n", c + 1, targets.get(c), addresses.get(c));
            }
            out.println("ok reply, ! refused by the sender's kernel, x ICMP error, . no answer");
            out.println(replies + " of " + results.size() + " pings answered");
        }
        out.flush();
        return 0;
    }
}
