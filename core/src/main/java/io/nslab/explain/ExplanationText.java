package io.nslab.explain;

import java.util.List;

/** The text {@code nslab ping --explain} prints: each leg's hops, its verdict and the fix. */
public final class ExplanationText {
    private ExplanationText() {
    }

    public static String render(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("ping ").append(e.node()).append(" -> ").append(e.destination()).append('\n');
        for (Leg leg : e.legs()) {
            sb.append(leg.label()).append(' ').append(leg.source().isUnspecified() ? "(no source address chosen)" : leg.source())
                    .append(" -> ").append(leg.destination()).append(":\n");
            List<Hop> hops = leg.hops();
            for (int i = 0; i < hops.size(); i++) {
                Hop h = hops.get(i);
                sb.append(String.format("  %d. %s", i + 1, h.node()));
                h.in().ifPresent(x -> sb.append(" in ").append(x));
                h.out().ifPresent(x -> sb.append(" out ").append(x));
                h.route().ifPresent(r -> sb.append(" [").append(r).append(']'));
                sb.append(": ").append(h.decision()).append('\n');
            }
            sb.append("  => ").append(leg.disposition().text()).append('\n');
            leg.fix().ifPresent(f -> sb.append("  fix: ").append(f).append('\n'));
        }
        return sb.toString();
    }
}
