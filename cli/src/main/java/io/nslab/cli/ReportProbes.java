package io.nslab.cli;

import io.nslab.Network;
import io.nslab.explain.ExplanationText;
import io.nslab.graph.LabGraph;
import io.nslab.model.Check;
import io.nslab.model.Lab;
import io.nslab.probe.PingRequest;
import io.nslab.report.PathMarks;
import io.nslab.report.Probed;
import io.nslab.sim.CheckRunner;
import io.nslab.sim.Explainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The probes of a report, run in one world and explained by the simulator holding that world's state: the declared
 * checks, and every pair of {@code check --all-pairs} (the same machinery), each with its {@code --explain} text and
 * the part of the picture its path touches.
 */
final class ReportProbes {
    /** More rows or columns than this make a matrix no page shows well: the failing pairs are listed instead. */
    static final int MATRIX_LIMIT = 40;
    /** Failing pairs listed (and explained) when there is no matrix. */
    static final int FAILING_LISTED = 100;

    private final Lab lab;
    private final LabGraph graph;
    private final Explainer explainer;

    ReportProbes(Lab lab, LabGraph graph, Explainer explainer) {
        this.lab = lab;
        this.graph = graph;
        this.explainer = explainer;
    }

    List<Probed> checks(Network network) throws Exception {
        List<CheckRunner.Verdict> verdicts = CheckCommand.probes(network, lab.checks().size(), i -> CheckRunner.run(network, lab, lab.checks().get(i)));
        List<Probed> out = new ArrayList<>();
        for (CheckRunner.Verdict v : verdicts) {
            Check c = v.check();
            io.nslab.explain.Explanation e = c.port().isPresent() ? explainer.explain(CheckRunner.portRequestOf(lab, c))
                    : explainer.explain(CheckRunner.requestOf(lab, c));
            out.add(new Probed(c.label(), CheckReport.expected(c), v.seen(), v.passed(), v.passed() ? "PASS" : "FAIL",
                    Optional.of(ExplanationText.render(e)), PathMarks.of(e, graph)));
        }
        return out;
    }

    /** The all-pairs run, explained: the matrix's cells, or (for a large lab) the failing pairs. */
    record Pairs(AllPairs run, List<Probed> cells, List<Probed> failing) {
    }

    Pairs allPairs(Network network, java.io.PrintWriter err) throws Exception {
        AllPairs pairs = new AllPairs(lab);
        Progress progress = Progress.counting(err, "all pairs", pairs.size());
        pairs.run(network, progress, i -> { });
        progress.done();
        boolean matrix = pairs.sources.size() <= MATRIX_LIMIT && pairs.targets.size() <= MATRIX_LIMIT;
        List<Probed> cells = new ArrayList<>();
        List<Probed> failing = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            boolean answered = pairs.outcome(i).answered();
            if (matrix) {
                cells.add(pair(pairs, i));
            } else if (!answered && failing.size() < FAILING_LISTED) {
                failing.add(pair(pairs, i));
            }
        }
        return new Pairs(pairs, cells, failing);
    }

    private Probed pair(AllPairs pairs, int i) {
        AllPairs.Target to = pairs.to(i);
        AllPairs.Outcome o = pairs.outcome(i);
        PingRequest request = new PingRequest(lab.netnsOf(pairs.from(i)), to.address(), 1, Duration.ofMillis(200), Duration.ofSeconds(1),
                OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty());
        io.nslab.explain.Explanation e = explainer.explain(request);
        return new Probed("ping " + pairs.from(i) + " -> " + to.label() + " (" + to.address() + ")", "reply", o.cause(), o.answered(), o.mark(),
                Optional.of(ExplanationText.render(e)), PathMarks.of(e, graph));
    }
}
