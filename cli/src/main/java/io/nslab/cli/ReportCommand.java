package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.Network;
import io.nslab.NslabException;
import io.nslab.deploy.Interruption;
import io.nslab.graph.LabGraph;
import io.nslab.graph.LabGraphs;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.report.HtmlReport;
import io.nslab.report.LabReport;
import io.nslab.report.NodeFacts;
import io.nslab.sim.Explainer;
import io.nslab.sim.SimNetwork;
import io.nslab.state.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab report [LAB] -w report.html}: the lab's picture, checks, all-pairs matrix and nodes, in one HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML file (no server, nothing fetched when it is opened) that shows the lab: its "
                + "picture, the declared checks with PASS or FAIL, the all-pairs matrix, and each node's interfaces, routes and "
                + "forwarding. Choosing a check or a cell shows its --explain text and marks its path on the picture, or where it "
                + "stops. --before FILE puts an earlier attempt of the lab first, with what the lab adds to it marked. Readable "
                + "on a phone and on paper. On the kernel (root) by default; --sim asks the simulator.",
        footer = {"", "Exit codes: 0 everything passed, 1 a check failed or a ping was unanswered (the report is written all the same), "
                + "2 bad input, 3 environment, 4 internal."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LAB", arity = "0..1", description = "A running lab's name, a lab file, or - for standard input "
            + "(default: the running lab).")
    String labArgument;

    @Mixin
    LabOption labOption;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write the report here (report.html); without it, "
            + "the HTML goes to standard output.")
    Path write;

    @Option(names = "--before", paramLabel = "FILE", description = "An earlier attempt of the lab (a lab file, simulated), shown "
            + "first with what the lab adds to it (routes, forwarding, links) marked.")
    String before;

    @Option(names = "--sim", description = "Ask the simulator (no privilege needed) instead of the kernel.")
    boolean sim;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Retry retry = Retry.of(spec);
        LabContext ctx = LabContext.resolve(labOption.or(labArgument), null, kernel.store(), sim, retry, spec.commandLine().getErr());
        Lab lab = ctx.lab();
        List<LabReport> sections = new ArrayList<>();
        if (before != null) {
            Lab first = LabFiles.loadWithText(LabArgument.of(before)).lab();
            sections.add(simulated(first).withMissing(LabChanges.added(first, lab)));
        }
        LabReport main = sim ? simulated(lab) : kernel(ctx, retry);
        sections.add(main);
        String html = HtmlReport.write("nslab report: lab " + lab.name(), sections);
        GraphCommand.write(html, write, spec.commandLine().getOut(), spec.commandLine().getErr(), "report");
        return main.checksPassed() == main.checks().size() && main.answered() == main.pairCount() ? 0 : ExitCode.CHECK_FAILED.code();
    }

    private LabReport simulated(Lab lab) throws Exception {
        try (SimNetwork probes = SimNetwork.of(lab); SimNetwork model = SimNetwork.of(lab)) {
            Snapshot snapshot = model.snapshot();
            return report(lab, "simulator", probes, model, snapshot, List.of());
        }
    }

    private LabReport kernel(LabContext ctx, Retry retry) throws Exception {
        Lab lab = ctx.lab();
        try (Network network = ctx.network(false, kernel, "report", retry)) {
            KernelNetwork k = (KernelNetwork) network;
            if (!kernel.deployer(k, new Interruption()).awaitCarrier(lab, Duration.ofSeconds(2))) {
                spec.commandLine().getErr().println("nslab report: some links had no carrier after 2 s; pings over them may see loss");
            }
            CheckCommand.awaitIpv6(network, lab, new AllPairs(lab).targets.stream().map(AllPairs.Target::address).toList());
            try (io.nslab.explain.KernelTruth truth = io.nslab.explain.KernelTruth.read(k, lab)) {
                List<String> notes = new ArrayList<>();
                truth.drift().forEach(d -> notes.add("the kernel differs from the lab file: " + d));
                truth.leftOut().forEach(l -> notes.add("not modelled: " + l));
                return report(lab, "kernel", network, truth.model(), truth.model().snapshot(), notes);
            }
        }
    }

    private LabReport report(Lab lab, String world, Network probes, SimNetwork model, Snapshot snapshot, List<String> notes) throws Exception {
        if (lab.nodes().isEmpty()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab report: lab " + lab.name() + " has no nodes");
        }
        LabGraph graph = LabGraphs.of(lab, snapshot);
        ReportProbes run = new ReportProbes(lab, graph, Explainer.forLab(model, lab));
        var checks = run.checks(probes);
        ReportProbes.Pairs pairs = run.allPairs(probes, spec.commandLine().getErr());
        AllPairs p = pairs.run();
        return new LabReport(lab.name(), world, graph, checks, p.sources.stream().map(Object::toString).toList(),
                p.targets.stream().map(AllPairs.Target::label).toList(), p.targets.stream().map(t -> t.address().toString()).toList(),
                pairs.cells(), pairs.failing(), p.size(), p.answered(), NodeFacts.of(lab, snapshot), notes, java.util.Map.of());
    }
}
