package io.nslab.cli;

import io.nslab.model.Check;
import io.nslab.sim.CheckRunner;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The report of {@code check}: a table for people, or one shape for programs whatever the mode (docs/cli.md):
 * {@code {lab, mode: checks|all-pairs, passed, failed, results: [{name, from, to, destination, expected, seen, passed}]}},
 * as JSON (one result a line), YAML or JUnit XML; or JSON lines, one result a line as each is known and a last line
 * {@code {lab, mode, passed, failed}}. Every format is written result by result, never built whole first: an
 * all-pairs of a thousand nodes is two million results.
 */
final class CheckReport {
    private CheckReport() {
    }

    /** {@code -o} of check: the common formats, JSON lines, and JUnit XML, which CI systems read. */
    enum Format {
        table, json, jsonl, yaml, junit
    }

    /** One result, of a declared check or of a pair of all-pairs. */
    record Result(String name, String from, String to, String destination, String expected, String seen, boolean passed) {
    }

    static String table(List<CheckRunner.Verdict> verdicts) {
        StringBuilder sb = new StringBuilder();
        int width = verdicts.stream().mapToInt(v -> v.check().label().length()).max().orElse(0);
        for (CheckRunner.Verdict v : verdicts) {
            sb.append(v.passed() ? "PASS  " : "FAIL  ").append(String.format("%-" + width + "s", v.check().label()))
                    .append("  expected ").append(expected(v.check())).append(", seen ").append(v.seen()).append('\n');
        }
        long failed = verdicts.stream().filter(v -> !v.passed()).count();
        sb.append(verdicts.size()).append(verdicts.size() == 1 ? " check: " : " checks: ")
                .append(verdicts.size() - failed).append(" passed, ").append(failed).append(" failed\n");
        return sb.toString();
    }

    static String expected(Check c) {
        StringBuilder sb = new StringBuilder(c.expectedWord());
        c.ttl().ifPresent(t -> sb.append(" ttl=").append(t));
        c.errorFrom().ifPresent(f -> sb.append(" from ").append(f));
        return sb.toString();
    }

    static List<Result> results(List<CheckRunner.Verdict> verdicts) {
        return verdicts.stream().map(v -> new Result(v.check().label(), v.check().from().value(), v.check().target(),
                v.check().destination().toString(), expected(v.check()), v.seen(), v.passed())).toList();
    }

    /** The result of pair {@code i} of an all-pairs run. */
    static Result pair(AllPairs pairs, int i) {
        String from = pairs.from(i).value();
        AllPairs.Target to = pairs.to(i);
        AllPairs.Outcome o = pairs.outcome(i);
        return new Result("ping " + from + " -> " + to.label(), from, to.label(), to.address().toString(), "reply", o.cause(),
                o.answered());
    }

    /** Declared checks in a machine format. */
    static void write(Format format, String lab, List<Result> results, PrintWriter out) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (format == Format.jsonl) {
            try (ReportText text = new ReportText(out)) {
                results.forEach(r -> jsonLine(text, r));
                summaryLine(text, lab, "checks", results.size() - failed, failed);
            }
            return;
        }
        write(format, lab, "checks", results.size(), failed, results::get, out);
    }

    /**
     * A whole report of {@code total} results, {@code failed} of them failing, the {@code i}th made when it is
     * written. JSON lines are written as results come (see {@link #jsonLine}), not here.
     */
    static void write(Format format, String lab, String mode, int total, long failed, IntFunction<Result> result, PrintWriter out) {
        try (ReportText text = new ReportText(out)) {
            switch (format) {
                case json -> {
                    text.raw("{\"lab\":").json(lab).raw(",\"mode\":").json(mode).raw(",\"passed\":").raw(total - failed)
                            .raw(",\"failed\":").raw(failed).raw(",\"results\":[");
                    for (int i = 0; i < total; i++) {
                        text.raw(i == 0 ? "\n" : ",\n");
                        jsonObject(text, result.apply(i));
                    }
                    text.raw(total == 0 ? "]}\n" : "\n]}\n");
                }
                case yaml -> {
                    text.raw("lab: ").yaml(lab).raw("\nmode: ").yaml(mode).raw("\npassed: ").raw(total - failed)
                            .raw("\nfailed: ").raw(failed).raw(total == 0 ? "\nresults: []\n" : "\nresults:\n");
                    for (int i = 0; i < total; i++) {
                        Result r = result.apply(i);
                        text.raw("- name: ").yaml(r.name()).raw("\n  from: ").yaml(r.from()).raw("\n  to: ").yaml(r.to())
                                .raw("\n  destination: ").yaml(r.destination()).raw("\n  expected: ").yaml(r.expected())
                                .raw("\n  seen: ").yaml(r.seen()).raw("\n  passed: ").raw(r.passed() ? "true" : "false").raw("\n");
                    }
                }
                case junit -> junit(text, lab, mode, total, failed, result);
                case table, jsonl -> throw new IllegalStateException(format + " is written by its command as results come");
            }
        }
    }

    /** One result as a line of JSON lines. */
    static void jsonLine(ReportText text, Result r) {
        jsonObject(text, r);
        text.raw("\n");
    }

    /** The last line of JSON lines: what the results add up to. */
    static void summaryLine(ReportText text, String lab, String mode, long passed, long failed) {
        text.raw("{\"lab\":").json(lab).raw(",\"mode\":").json(mode).raw(",\"passed\":").raw(passed).raw(",\"failed\":").raw(failed)
                .raw("}\n");
    }

    private static void jsonObject(ReportText text, Result r) {
        text.raw("{\"name\":").json(r.name()).raw(",\"from\":").json(r.from()).raw(",\"to\":").json(r.to())
                .raw(",\"destination\":").json(r.destination()).raw(",\"expected\":").json(r.expected())
                .raw(",\"seen\":").json(r.seen()).raw(",\"passed\":").raw(r.passed() ? "true}" : "false}");
    }

    /**
     * JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one suite, a test case per declared check. For
     * all-pairs, a test case per failing pair and one for all the answered pairs together, so that a CI page shows
     * what failed without two million passing rows.
     */
    private static void junit(ReportText text, String lab, String mode, int total, long failed, IntFunction<Result> result) {
        boolean pairs = !mode.equals("checks");
        long answered = total - failed;
        long cases = pairs ? failed + (answered > 0 ? 1 : 0) : total;
        text.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"nslab check ").raw(xml(lab))
                .raw(pairs ? " --" + mode : "").raw("\" tests=\"").raw(cases).raw("\" failures=\"").raw(failed)
                .raw("\" errors=\"0\">\n");
        if (pairs && answered > 0) {
            text.raw("  <testcase classname=\"").raw(xml(lab)).raw("\" name=\"").raw(answered).raw(answered == 1 ? " ping" : " pings")
                    .raw(" answered\"/>\n");
        }
        for (int i = 0; i < total; i++) {
            Result r = result.apply(i);
            if (pairs && r.passed()) {
                continue;
            }
            text.raw("  <testcase classname=\"").raw(xml(lab)).raw("\" name=\"").raw(xml(r.name())).raw("\"");
            if (r.passed()) {
                text.raw("/>\n");
            } else {
                text.raw(">\n    <failure message=\"expected ").raw(xml(r.expected())).raw(", seen ").raw(xml(r.seen()))
                        .raw("\"/>\n  </testcase>\n");
            }
        }
        text.raw("</testsuite>\n");
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
