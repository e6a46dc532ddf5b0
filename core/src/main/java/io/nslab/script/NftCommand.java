package io.nslab.script;

import io.nslab.firewall.BaseChain;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.Hook;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Priority;
import io.nslab.firewall.Rule;
import io.nslab.firewall.RuleParser;
import io.nslab.firewall.RuleSyntaxException;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nft} commands on the namespace's ruleset: add, create, delete, flush and list of tables and chains, add and
 * insert of rules, list and flush of the ruleset. The command is its words joined by blanks, as nft reads them, and
 * errors point at the word they are about as nft's do.
 */
final class NftCommand {
    private final Invocation inv;
    private final String line;
    private final List<String> words;
    private Ruleset ruleset;

    private NftCommand(Invocation inv, List<String> words) {
        this.inv = inv;
        this.words = words;
        this.line = String.join(" ", words);
        this.ruleset = inv.world().network().firewall(inv.netns());
    }

    /** A refusal that nft prints as {@code Error: ...}, the command, and carets under the word at {@code word}. */
    private static final class Refused extends Exception {
        final int word;

        Refused(String message, int word) {
            super(message, null, false, false);
            this.word = word;
        }
    }

    static int run(Invocation inv) {
        List<String> argv = inv.argv();
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String o = argv.get(i);
            if ((o.equals("-f") || o.equals("--file")) && i + 1 < argv.size()) {
                return file(inv, argv.get(i + 1));
            }
            if (!List.of("-n", "-s", "--stateless", "--numeric").contains(o)) {
                inv.err("nslab script: nft: option " + o + " is not modelled by the simulator\n");
                return 2;
            }
            i++;
        }
        List<String> words = new ArrayList<>();
        for (String a : argv.subList(i, argv.size())) {
            for (String w : a.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        if (words.isEmpty()) {
            return 0;
        }
        NftCommand c = new NftCommand(inv, words);
        try {
            return c.execute();
        } catch (Refused e) {
            c.error(e.getMessage(), e.word);
            return 1;
        }
    }

    /** nft -f FILE: its commands in order, all or nothing as nft's one transaction. */
    private static int file(Invocation inv, String name) {
        String text;
        try {
            text = name.equals("-") || name.equals("/dev/stdin") ? inv.context().stdin().orElse("")
                    : inv.context().readFile(name);
        } catch (java.io.IOException | RuntimeException e) {
            // nft's own words for a file it cannot open, with the two empty lines of its error record
            inv.err("internal:0:0-0: Error: Could not open file \"" + name + "\": No such file or directory\n\n\n");
            return 1;
        }
        List<List<String>> commands;
        try {
            commands = NftFile.commands(text);
        } catch (NftFile.Bad e) {
            inv.err(name + ":" + e.line + ":1: Error: " + e.getMessage() + "\n");
            return 1;
        }
        Ruleset before = inv.world().network().firewall(inv.netns());
        for (List<String> words : commands) {
            NftCommand c = new NftCommand(inv, words);
            int status;
            try {
                status = c.execute();
            } catch (Refused e) {
                c.error(e.getMessage(), e.word);
                status = 1;
            }
            if (status != 0) {
                inv.world().network().updateFirewall(inv.netns(), before);
                return status;
            }
        }
        return 0;
    }

    private void error(String message, int word) {
        int from = 0;
        for (int k = 0; k < word && k < words.size(); k++) {
            from += words.get(k).length() + 1;
        }
        int len = word < words.size() ? words.get(word).length() : 1;
        inv.err("Error: " + message + "\n" + line + "\n" + " ".repeat(from) + "^".repeat(Math.max(1, len)) + "\n");
    }

    private String word(int k) throws Refused {
        if (k >= words.size()) {
            throw new Refused("syntax error, unexpected newline", k);
        }
        return words.get(k);
    }

    private int execute() throws Refused {
        String verb = word(0);
        if (words.size() >= 2 && words.get(1).equals("ruleset")) {
            return switch (verb) {
                case "list" -> {
                    NftText.tables(inv, ruleset.tables(), null);
                    yield 0;
                }
                case "flush" -> {
                    ruleset = Ruleset.EMPTY;
                    commit();
                    yield 0;
                }
                default -> throw new Refused("syntax error, unexpected ruleset", 1);
            };
        }
        if (verb.equals("list") && words.size() == 2 && words.get(1).equals("tables")) {
            StringBuilder sb = new StringBuilder();
            ruleset.tables().forEach(t -> sb.append("table ").append(t.label()).append('\n'));
            inv.out(sb.toString());
            return 0;
        }
        String object = word(1);
        int at = 2;
        TableFamily family = TableFamily.IP;
        Optional<TableFamily> f = TableFamily.of(word(at));
        if (f.isPresent()) {
            family = f.get();
            at++;
        }
        int tableWord = at;
        String table = word(at++);
        return switch (object) {
            case "table" -> table(verb, family, table, tableWord);
            case "chain" -> chain(verb, family, table, tableWord, at);
            case "rule" -> rule(verb, family, table, tableWord, at);
            default -> throw new Refused("syntax error, unexpected " + object, 1);
        };
    }

    private void commit() {
        inv.world().network().updateFirewall(inv.netns(), ruleset);
    }

    /** nft names the kernel's refusal of a change "Could not process rule", and of a listing only by its errno. */
    private Table existing(TableFamily family, String name, int word) throws Refused {
        boolean list = words.getFirst().equals("list");
        return ruleset.table(family, name).orElseThrow(() -> new Refused(list ? "No such file or directory"
                : "Could not process rule: No such file or directory", word));
    }

    private void put(Table t, boolean remove) {
        List<Table> tables = new ArrayList<>();
        boolean done = false;
        for (Table x : ruleset.tables()) {
            if (x.family() == t.family() && x.name().equals(t.name())) {
                if (!remove) {
                    tables.add(t);
                }
                done = true;
            } else {
                tables.add(x);
            }
        }
        if (!done && !remove) {
            tables.add(t);
        }
        ruleset = new Ruleset(tables);
    }

    private int table(String verb, TableFamily family, String name, int word) throws Refused {
        switch (verb) {
            case "add", "create" -> {
                if (ruleset.table(family, name).isPresent()) {
                    if (verb.equals("create")) {
                        throw new Refused("Could not process rule: File exists", word);
                    }
                    return 0;
                }
                put(new Table(family, name, List.of()), false);
            }
            case "delete", "destroy" -> put(existing(family, name, word), true);
            case "flush" -> {
                Table t = existing(family, name, word);
                put(new Table(family, name, t.chains().stream().map(c -> new Chain(c.name(), c.base(), List.of())).toList()), false);
            }
            case "list" -> {
                NftText.tables(inv, List.of(existing(family, name, word)), null);
                return 0;
            }
            default -> throw new Refused("syntax error, unexpected " + verb, 0);
        }
        commit();
        return 0;
    }

    private static final Pattern SPEC = Pattern.compile(
            "\\{?\\s*type\\s+(\\w+)\\s+hook\\s+(\\w+)\\s+priority\\s+([^;]+?)\\s*;\\s*(?:policy\\s+(\\w+)\\s*;)?\\s*}?\\s*");

    private int chain(String verb, TableFamily family, String tableName, int tableWord, int at) throws Refused {
        Table t = existing(family, tableName, tableWord);
        int chainWord = at;
        String name = word(at++);
        Optional<Chain> c = t.chain(name);
        switch (verb) {
            case "add", "create" -> {
                final int specWord = at;
                String rest = String.join(" ", words.subList(at, words.size()));
                Optional<BaseChain> base = Optional.empty();
                if (!rest.isBlank()) {
                    Matcher m = SPEC.matcher(rest);
                    if (!m.matches()) {
                        inv.err("nslab script: nft: a chain's spec must be { type T hook H priority P; [policy accept|drop;] }, not: " + rest + "\n");
                        return 2;
                    }
                    ChainType type = ChainType.of(m.group(1)).orElseThrow(() -> new Refused("unknown chain type", specWord));
                    Hook hook = Hook.of(m.group(2)).orElseThrow(() -> new Refused("unknown chain hook", specWord));
                    int priority = Priority.parse(m.group(3), hook).orElseThrow(() -> new Refused("unknown priority", specWord));
                    Policy policy = m.group(4) == null ? Policy.ACCEPT : Policy.of(m.group(4)).orElseThrow(() -> new Refused("unknown policy", specWord));
                    base = Optional.of(new BaseChain(type, hook, priority, policy));
                }
                List<Chain> chains = new ArrayList<>(t.chains());
                if (c.isPresent()) {
                    if (verb.equals("create")) {
                        throw new Refused("Could not process rule: File exists", chainWord);
                    }
                    if (base.isPresent() && c.get().base().isPresent()) {
                        chains.set(chains.indexOf(c.get()), new Chain(name, base, c.get().rules()));
                    }
                } else {
                    chains.add(new Chain(name, base, List.of()));
                }
                put(new Table(family, tableName, chains), false);
            }
            case "delete", "destroy" -> {
                // this kernel deletes a chain with its rules (only a chain that others jump to is busy)
                Chain x = c.orElseThrow(() -> new Refused("Could not process rule: No such file or directory", chainWord));
                put(new Table(family, tableName, t.chains().stream().filter(y -> y != x).toList()), false);
            }
            case "flush" -> {
                Chain x = c.orElseThrow(() -> new Refused("Could not process rule: No such file or directory", chainWord));
                put(new Table(family, tableName, t.chains().stream().map(y -> y == x ? new Chain(y.name(), y.base(), List.of()) : y).toList()), false);
            }
            case "list" -> {
                c.orElseThrow(() -> new Refused("No such file or directory", chainWord));
                NftText.tables(inv, List.of(t), name);
                return 0;
            }
            default -> throw new Refused("syntax error, unexpected " + verb, 0);
        }
        commit();
        return 0;
    }

    private int rule(String verb, TableFamily family, String tableName, int tableWord, int at) throws Refused {
        if (!verb.equals("add") && !verb.equals("insert")) {
            inv.err("nslab script: nft: " + verb + " rule is not modelled by the simulator (add and insert are)\n");
            return 2;
        }
        Table t = ruleset.table(family, tableName).orElseThrow(() -> new Refused("Could not process rule: No such file or directory", tableWord));
        int chainWord = at;
        String name = word(at++);
        Chain c = t.chain(name).orElseThrow(() -> new Refused("Could not process rule: No such file or directory", chainWord));
        String text = String.join(" ", words.subList(at, words.size()));
        Rule rule;
        try {
            rule = RuleParser.parse(text, family);
        } catch (RuleSyntaxException e) {
            inv.err("nslab script: nft: " + e.getMessage() + "\n");
            return 1;
        }
        List<Rule> rules = new ArrayList<>(c.rules());
        rules.add(verb.equals("insert") ? 0 : rules.size(), rule);
        put(new Table(family, tableName, t.chains().stream().map(y -> y == c ? new Chain(y.name(), y.base(), rules) : y).toList()), false);
        try {
            commit();
        } catch (IllegalArgumentException e) {
            inv.err("Error: Could not process rule: Operation not supported\n" + line + "\n" + "^".repeat(line.length()) + "\n");
            return 1;
        }
        return 0;
    }
}
