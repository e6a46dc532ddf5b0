package io.nslab.cli;

import io.nslab.model.Check;
import io.nslab.sim.CheckRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report of a lab's checks: one line each, expected against seen, and a count. */
final class CheckReport {
    private CheckReport() {
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
        StringBuilder sb = new StringBuilder(c.expect().word());
        c.ttl().ifPresent(t -> sb.append(" ttl=").append(t));
        c.errorFrom().ifPresent(f -> sb.append(" from ").append(f));
        return sb.toString();
    }

    static List<Object> tree(List<CheckRunner.Verdict> verdicts) {
        List<Object> out = new ArrayList<>();
        for (CheckRunner.Verdict v : verdicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", v.check().label());
            m.put("from", v.check().from().value());
            m.put("destination", v.check().destination().toString());
            m.put("expected", expected(v.check()));
            m.put("seen", v.seen());
            m.put("passed", v.passed());
            out.add(m);
        }
        return out;
    }
}
