package io.nslab.script;

import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iptables-restore} and {@code ip6tables-restore} as iptables-nft 1.8.9 runs them, on a file or the standard
 * input: each {@code *TABLE} block is built apart from the namespace and takes effect whole at its {@code COMMIT};
 * without {@code --noflush} the table is replaced (its chains, rules and policies gone first, as the kernel's table
 * is). Chain lines set a builtin chain's policy or make a user chain; every other line is an iptables command in the
 * block's table. Errors are reported as iptables-restore reports them, with the line, and the block is dropped.
 * Counters given with {@code -c} are read and not kept (the simulator counts what it forwards).
 */
final class IptablesRestore {
    private static final String VERSION = "v1.8.9 (nf_tables)";
    private static final List<String> UNMODELLED = List.of("mangle", "raw", "security");

    private final Invocation inv;
    private final String tool;
    private final String iptables;
    private final TableFamily family;
    private boolean noflush;
    private boolean test;
    private String onlyTable;

    private IptablesRestore(Invocation inv) {
        this.inv = inv;
        this.tool = inv.argv().getFirst();
        this.iptables = tool.replace("-restore", "");
        this.family = tool.startsWith("ip6") ? TableFamily.IP6 : TableFamily.IP;
    }

    static int run(Invocation inv) {
        return new IptablesRestore(inv).execute();
    }

    private int execute() {
        String file = null;
        List<String> a = inv.argv().subList(1, inv.argv().size());
        for (int i = 0; i < a.size(); i++) {
            String o = a.get(i);
            switch (o) {
                case "-n", "--noflush" -> noflush = true;
                case "-t", "--test" -> test = true;
                case "-c", "--counters", "-v", "--verbose" -> {
                    // counters are read and not kept; verbose prints nothing more for a restore that works
                }
                case "-T", "--table" -> onlyTable = i + 1 < a.size() ? a.get(++i) : null;
                case "-M", "--modprobe", "-W", "--wait-interval" -> i++;
                case "-w", "--wait" -> {
                    if (i + 1 < a.size() && a.get(i + 1).matches("\\d+")) {
                        i++;
                    }
                }
                default -> {
                    if (o.startsWith("-") && !o.equals("-")) {
                        inv.err(tool + ": unrecognized option '" + o + "'\n");
                        return 1;
                    }
                    file = o;
                }
            }
        }
        String text;
        if (file == null || file.equals("-")) {
            text = inv.context().stdin().orElse("");
        } else {
            try {
                text = inv.context().readFile(file);
            } catch (IOException | RuntimeException e) {
                inv.err("Can't open " + file + ": No such file or directory\n");
                return 1;
            }
        }
        return restore(text.split("\n", -1));
    }

    private int restore(String[] lines) {
        String table = null;
        boolean skipping = false;
        String missingJump = null;
        Ruleset work = null;
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--; // the newline that ends the last line
        }
        for (int k = 0; k < n; k++) {
            int lineNo = k + 1;
            String line = lines[k].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (table == null) {
                if (!line.startsWith("*")) {
                    inv.err(tool + ": line " + lineNo + " failed\n");
                    return 1;
                }
                table = line.substring(1).strip();
                if (UNMODELLED.contains(table)) {
                    inv.err("nslab script: " + tool + ": table " + table + " is not modelled by the simulator (filter and nat are)\n");
                    return 2;
                }
                if (!table.equals("filter") && !table.equals("nat")) {
                    return bad(tool + ": line " + lineNo + " table name '" + table + "' invalid", lineNo);
                }
                skipping = onlyTable != null && !onlyTable.equals(table);
                work = inv.world().network().firewall(inv.netns());
                if (!noflush && !skipping) {
                    work = without(work, table);
                }
                continue;
            }
            if (line.equals("COMMIT")) {
                if (missingJump != null) {
                    return bad(missingJump, lineNo);
                }
                if (!skipping && !test) {
                    inv.world().network().updateFirewall(inv.netns(), work);
                }
                table = null;
                continue;
            }
            if (skipping || missingJump != null) {
                continue;
            }
            List<String> words = words(line);
            List<String> argv = new ArrayList<>(List.of(iptables, "-t", table));
            if (line.startsWith(":")) {
                String chain = words.getFirst().substring(1);
                String policy = words.size() > 1 ? words.get(1) : "-";
                // a chain line names a builtin chain with its policy, or any other chain, which it makes
                boolean builtin = (table.equals("nat") ? List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING")
                        : List.of("INPUT", "FORWARD", "OUTPUT")).contains(chain);
                if (builtin && !policy.equals("ACCEPT") && !policy.equals("DROP")) {
                    inv.err(tool + ": line " + lineNo + " failed: Bad policy name.\n");
                    return 1;
                }
                boolean exists = work.table(family, table).flatMap(t -> t.chain(chain)).isPresent();
                argv.addAll(builtin ? List.of("-P", chain, policy) : List.of(exists ? "-F" : "-N", chain));
            } else {
                if (words.getFirst().matches("\\[\\d+:\\d+]")) {
                    words = words.subList(1, words.size()); // -c's counters
                }
                argv.addAll(words);
            }
            IptablesCommand.Step step;
            try {
                step = IptablesCommand.step(inv, family, argv, work);
            } catch (IptablesArgs.Bad e) {
                if (e.getMessage().matches("Chain '.*' does not exist")) {
                    // iptables-nft resolves jumps when the table is committed: the error names the COMMIT's line
                    missingJump = e.getMessage();
                    continue;
                }
                return bad(e.getMessage(), lineNo);
            }
            if (step.status() != 0) {
                String why = step.printed().startsWith(iptables + ": ") ? step.printed().substring(iptables.length() + 2) : step.printed();
                inv.err(tool + ": line " + lineNo + " failed" + (why.isBlank() ? "\n" : ": " + why));
                return 1;
            }
            work = step.ruleset();
        }
        if (table != null) {
            inv.err(tool + ": COMMIT expected at line " + (n + 1) + "\n");
            return 1;
        }
        return 0;
    }

    private int bad(String message, int lineNo) {
        inv.err(tool + " " + VERSION + ": " + message + "\nError occurred at line: " + lineNo + "\nTry `" + tool + " -h' or '"
                + tool + " --help' for more information.\n");
        return 2;
    }

    /** The ruleset without this iptables table, as a restore without --noflush starts it. */
    private Ruleset without(Ruleset r, String table) {
        List<Table> kept = new ArrayList<>();
        for (Table t : r.tables()) {
            if (t.family() != family || !t.name().equals(table)) {
                kept.add(t);
            }
        }
        return new Ruleset(kept);
    }

    /** A line's words as iptables-restore splits them: at blanks, a double-quoted string one word without its quotes. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                w.append('"');
                any = true;
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
