package io.nslab.script;

import java.util.ArrayList;
import java.util.List;

/**
 * An nft script ({@code nft -f FILE}) as the commands it stands for: command lines ({@code add table inet t},
 * {@code flush ruleset}) and the block syntax {@code nft list ruleset} prints ({@code table inet t { chain c {
 * type filter hook input priority 0; policy drop; tcp dport 22 accept } }}), each statement its own command.
 */
final class NftFile {
    private NftFile() {
    }

    /** A statement nft would not read; {@code line} counts from 1. */
    static final class Bad extends Exception {
        final int line;

        Bad(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    static List<List<String>> commands(String text) throws Bad {
        List<List<String>> out = new ArrayList<>();
        String family = null;
        String table = null;
        String chain = null;
        StringBuilder spec = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].replaceAll("#.*", "").trim();
            for (String stmt : line.split(";")) {
                String s = stmt.trim();
                if (s.isEmpty()) {
                    continue;
                }
                List<String> w = new ArrayList<>(List.of(s.split("\\s+")));
                if (table == null) {
                    if (w.getFirst().equals("table") && w.getLast().equals("{")) {
                        w.removeLast();
                        family = w.size() == 3 ? w.get(1) : "ip";
                        table = w.getLast();
                        out.add(List.of("add", "table", family, table));
                    } else if (s.equals("}")) {
                        throw new Bad(n + 1, "syntax error, unexpected '}'");
                    } else {
                        out.add(w);
                    }
                } else if (chain == null) {
                    if (w.getFirst().equals("chain") && w.getLast().equals("{") && w.size() == 3) {
                        chain = w.get(1);
                        spec = new StringBuilder();
                    } else if (s.equals("}")) {
                        table = null;
                    } else {
                        throw new Bad(n + 1, "syntax error, unexpected " + w.getFirst());
                    }
                } else if (s.equals("}")) {
                    addChain(out, family, table, chain, spec);
                    chain = null;
                    spec = null;
                } else if (w.getFirst().equals("type") || w.getFirst().equals("policy")) {
                    spec.append(s).append("; ");
                } else {
                    if (spec != null) {
                        addChain(out, family, table, chain, spec);
                        spec = null;
                    }
                    List<String> rule = new ArrayList<>(List.of("add", "rule", family, table, chain));
                    rule.addAll(w);
                    out.add(rule);
                }
            }
        }
        if (table != null) {
            throw new Bad(lines.length, "syntax error, unexpected end of file");
        }
        return out;
    }

    private static void addChain(List<List<String>> out, String family, String table, String chain, StringBuilder spec) {
        if (spec == null) {
            return;
        }
        List<String> c = new ArrayList<>(List.of("add", "chain", family, table, chain));
        if (!spec.isEmpty()) {
            c.add("{");
            c.addAll(List.of(spec.toString().trim().split("\\s+")));
            c.add("}");
        }
        out.add(c);
    }
}
