package io.nslab.firewall;

/** {@code nft list ruleset}'s text: tabs, blank lines between chains, base chains' header line. */
public final class RulesetText {
    private RulesetText() {
    }

    /** Packets and bytes counted by rule {@code index} (from 0) of a chain. */
    public interface Counters {
        long[] of(Table table, Chain chain, int index);
    }

    public static String render(Ruleset rs, Counters counters) {
        StringBuilder sb = new StringBuilder();
        for (Table t : rs.tables()) {
            sb.append("table ").append(t.family().word()).append(' ').append(t.name()).append(" {\n");
            for (int c = 0; c < t.chains().size(); c++) {
                Chain chain = t.chains().get(c);
                if (c > 0) {
                    sb.append('\n');
                }
                sb.append("\tchain ").append(chain.name()).append(" {\n");
                chain.base().ifPresent(b -> sb.append("\t\t").append(b.text()).append('\n'));
                for (int i = 0; i < chain.rules().size(); i++) {
                    long[] n = counters.of(t, chain, i);
                    sb.append("\t\t").append(chain.rules().get(i).text(t.family(), n[0], n[1])).append('\n');
                }
                sb.append("\t}\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }
}
