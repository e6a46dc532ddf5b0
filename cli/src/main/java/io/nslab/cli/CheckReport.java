package io.nslab.cli;

import io.nslab.model.Check;
import io.nslab.sim.CheckRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code check}: a table for people, or one shape for programs whatever the mode (docs/cli.md):
 * {@code {lab, mode: checks|all-pairs, passed, failed, results: [{name, from, to, destination, expected, seen, passed}]}},
 * as JSON, YAML or JUnit XML.
 */
final class CheckReport {
    private CheckReport() {
    }

    /** {@code -o} of check: the common formats and JUnit XML, which CI systems read. */
    enum Format {
        table, json, yaml, junit
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

    static List<Result> pairs(List<AllPairs.Pair> pairs) {
        return pairs.stream().map(p -> new Result("ping " + p.from() + " -> " + p.to().label(), p.from().value(), p.to().label(),
                p.to().address().toString(), "reply", p.outcome(), p.answered())).toList();
    }

    static String write(Format format, String lab, String mode, List<Result> results) {
        return switch (format) {
            case table -> throw new IllegalStateException("a table is rendered by its command");
            case json -> OutputFormat.json.write(tree(lab, mode, results));
            case yaml -> OutputFormat.yaml.write(tree(lab, mode, results));
            case junit -> junit(lab, mode, results);
        };
    }

    static Map<String, Object> tree(String lab, String mode, List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lab", lab);
        m.put("mode", mode);
        long failed = results.stream().filter(r -> !r.passed()).count();
        m.put("passed", results.size() - failed);
        m.put("failed", failed);
        List<Object> list = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", r.name());
            e.put("from", r.from());
            e.put("to", r.to());
            e.put("destination", r.destination());
            e.put("expected", r.expected());
            e.put("seen", r.seen());
            e.put("passed", r.passed());
            list.add(e);
        }
        m.put("results", list);
        return m;
    }

    /** JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one suite, a test case per result. */
    static String junit(String lab, String mode, List<Result> results) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"nslab check ").append(xml(lab)).append(mode.equals("checks") ? "" : " --" + mode)
                .append("\" tests=\"").append(results.size()).append("\" failures=\"").append(failed).append("\" errors=\"0\">\n");
        for (Result r : results) {
            sb.append("  <testcase classname=\"").append(xml(lab)).append("\" name=\"").append(xml(r.name())).append('"');
            if (r.passed()) {
                sb.append("/>\n");
            } else {
                sb.append(">\n    <failure message=\"expected ").append(xml(r.expected())).append(", seen ").append(xml(r.seen()))
                        .append("\"/>\n  </testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
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
