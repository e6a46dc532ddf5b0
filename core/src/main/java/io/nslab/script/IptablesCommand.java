package io.nslab.script;

import io.nslab.firewall.BaseChain;
import io.nslab.firewall.Chain;
import io.nslab.firewall.ChainRunner;
import io.nslab.firewall.ChainType;
import io.nslab.firewall.Hook;
import io.nslab.firewall.Policy;
import io.nslab.firewall.Priority;
import io.nslab.firewall.Rule;
import io.nslab.firewall.Ruleset;
import io.nslab.firewall.RulesetText;
import io.nslab.firewall.Table;
import io.nslab.firewall.TableFamily;
import io.nslab.firewall.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code iptables} and {@code ip6tables} as iptables-nft 1.8.9 runs them: tables {@code ip filter} and {@code ip nat}
 * (ip6 for ip6tables) in the namespace's nf_tables ruleset, base chains made when a command first needs them, a
 * counter on every rule, and the listings (-L, -S) as the real tool prints them.
 */
final class IptablesCommand {
    private static final String VERSION = "v1.8.9 (nf_tables)";
    private static final String NO_CHAIN = ": No chain/target/match by that name.\n";

    private final Invocation inv;
    private final String tool;
    private final TableFamily family;
    private final IptablesArgs args;
    private Ruleset ruleset;

    /** Where a change goes: the namespace's ruleset at once, or, in iptables-restore, the table being restored. */
    private final java.util.function.Consumer<Ruleset> sink;

    private IptablesCommand(Invocation inv, String tool, TableFamily family, IptablesArgs args) {
        this(inv, tool, family, args, inv.world().network().firewall(inv.netns()),
                r -> inv.world().network().updateFirewall(inv.netns(), r));
    }

    private IptablesCommand(Invocation inv, String tool, TableFamily family, IptablesArgs args, Ruleset start,
                            java.util.function.Consumer<Ruleset> sink) {
        this.inv = inv;
        this.tool = tool;
        this.family = family;
        this.args = args;
        this.ruleset = start;
        this.sink = sink;
    }

    /** What one line of an iptables-restore file did: its status, the ruleset after it, what it printed. */
    record Step(int status, Ruleset ruleset, String printed) {
    }

    /**
     * One command of an iptables-restore file ({@code argv} as iptables would get it, with -t), run against
     * {@code ruleset}, not the namespace's: the namespace sees nothing until the file's COMMIT.
     */
    static Step step(Invocation inv, TableFamily family, List<String> argv, Ruleset ruleset) throws IptablesArgs.Bad {
        IptablesArgs args = IptablesArgs.parse(argv, family);
        StringBuilder printed = new StringBuilder();
        Invocation quiet = new Invocation(inv.world(), Output.merged(printed), inv.netns(), argv, inv.context());
        Ruleset[] after = {ruleset};
        int status = new IptablesCommand(quiet, argv.getFirst(), family, args, ruleset, r -> after[0] = r).execute();
        return new Step(status, after[0], printed.toString());
    }

    /**
     * iptables-save's block for one table, between its {@code *TABLE} and {@code COMMIT} lines: the builtin chains
     * (listed whether or not the kernel has them, as iptables-nft does) with their policies, the user chains, then the
     * rules, each with its counters when {@code counters}. A base chain's own counters are always [0:0]: nf_tables keeps
     * none for a policy.
     */
    static String saveBlock(Invocation inv, TableFamily family, String table, boolean counters) {
        IptablesArgs args;
        try {
            args = IptablesArgs.parse(List.of(inv.argv().getFirst(), "-t", table, "-S"), family);
        } catch (IptablesArgs.Bad e) {
            throw new IllegalStateException(e);
        }
        IptablesCommand c = new IptablesCommand(inv, inv.argv().getFirst(), family, args);
        RulesetText.Counters counts = inv.world().network().counters(inv.netns());
        StringBuilder sb = new StringBuilder();
        for (String name : c.listed()) {
            String policy = c.builtins().contains(name)
                    ? c.chain(name).flatMap(Chain::base).map(BaseChain::policy).orElse(Policy.ACCEPT).word().toUpperCase() : "-";
            sb.append(':').append(name).append(' ').append(policy).append(" [0:0]\n");
        }
        for (String name : c.listed()) {
            c.chain(name).ifPresent(ch -> {
                List<Rule> rules = ch.rules();
                for (int k = 0; k < rules.size(); k++) {
                    if (counters) {
                        long[] n = counts.of(c.table().orElseThrow(), ch, k);
                        sb.append('[').append(n[0]).append(':').append(n[1]).append("] ");
                    }
                    sb.append(IptText.spec(name, c.specOf(rules.get(k)))).append('\n');
                }
            });
        }
        return sb.toString();
    }

    /** Whether the namespace has this table (iptables-save lists only those, unless asked for one by name). */
    static boolean hasTable(Invocation inv, TableFamily family, String table) {
        return inv.world().network().firewall(inv.netns()).table(family, table).isPresent();
    }

    static int run(Invocation inv) {
        String tool = inv.argv().getFirst();
        TableFamily family = tool.startsWith("ip6") ? TableFamily.IP6 : TableFamily.IP;
        IptablesArgs args;
        try {
            args = IptablesArgs.parse(inv.argv(), family);
        } catch (IptablesArgs.Bad e) {
            return bad(inv, tool, e);
        }
        if (!args.table.equals("filter") && !args.table.equals("nat")) {
            if (List.of("mangle", "raw", "security").contains(args.table)) {
                inv.err("nslab script: " + tool + ": table " + args.table + " is not modelled by the simulator (filter and nat are)\n");
                return 2;
            }
            return bad(inv, tool, new IptablesArgs.Bad("table '" + args.table + "' does not exist", 3,
                    "Perhaps %s or your kernel needs to be upgraded.\n"));
        }
        IptablesCommand c = new IptablesCommand(inv, tool, family, args);
        try {
            return c.execute();
        } catch (IptablesArgs.Bad e) {
            return bad(inv, tool, e);
        }
    }

    private static int bad(Invocation inv, String tool, IptablesArgs.Bad e) {
        inv.err(tool + " " + VERSION + ": " + e.getMessage() + "\n" + e.tail.replace("%s", tool));
        return e.status;
    }

    private int fail(String message) {
        inv.err(tool + message);
        return 1;
    }

    private ChainType type() {
        return args.table.equals("nat") ? ChainType.NAT : ChainType.FILTER;
    }

    /** The builtin chains of the table, in the order iptables lists them. */
    private List<String> builtins() {
        return type() == ChainType.NAT ? List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING") : List.of("INPUT", "FORWARD", "OUTPUT");
    }

    private Optional<Table> table() {
        return ruleset.table(family, args.table);
    }

    /** A chain iptables can use: a regular chain, or a builtin one where iptables-nft would have made it. */
    private Optional<Chain> chain(String name) {
        return table().flatMap(t -> t.chain(name)).filter(this::compatible);
    }

    private boolean compatible(Chain c) {
        if (c.base().isEmpty()) {
            return true;
        }
        BaseChain b = c.base().get();
        return builtins().contains(c.name()) && b.hook() == Hook.valueOf(c.name()) && b.type() == type()
                && b.priority() == Priority.standard(type(), b.hook());
    }

    /** iptables-nft's note, first on stdout, when the table has base chains it did not make (they are left out). */
    private String incompatibleNote() {
        boolean any = table().map(t -> t.chains().stream().anyMatch(c -> !compatible(c))).orElse(false);
        return any ? "# Table `" + args.table + "' contains incompatible base-chains, use 'nft' tool to list them.\n" : "";
    }

    private boolean userChain(String name) {
        return chain(name).filter(c -> c.base().isEmpty()).isPresent();
    }

    private int execute() throws IptablesArgs.Bad {
        if (args.hasRuleSpec() && "ALIDR".indexOf(args.command) < 0) {
            throw new IptablesArgs.Bad("Illegal option `-" + firstSpecOption() + "' with this command");
        }
        return switch (args.command) {
            case 'A', 'I', 'R' -> add();
            case 'D' -> delete();
            case 'P' -> policy();
            case 'N' -> newChain();
            case 'X' -> deleteChain();
            case 'F' -> flush();
            case 'L' -> list();
            case 'S' -> rules();
            default -> {
                inv.err("nslab script: " + tool + ": -" + args.command + " is not modelled by the simulator\n");
                yield 2;
            }
        };
    }

    private String firstSpecOption() {
        return "s";
    }

    // ---- changes ----

    /** The chain to change, made first if it is a builtin one the table does not have yet (null: no such chain). */
    private Chain ensure(String name) {
        Optional<Chain> c = chain(name);
        if (c.isPresent()) {
            return c.get();
        }
        if (!builtins().contains(name) || table().flatMap(t -> t.chain(name)).isPresent()) {
            return null;
        }
        Hook hook = Hook.valueOf(name);
        Chain made = new Chain(name, Optional.of(new BaseChain(type(), hook, Priority.standard(type(), hook), Policy.ACCEPT)), List.of());
        Table t = table().orElse(new Table(family, args.table, List.of()));
        List<Chain> chains = new ArrayList<>(t.chains());
        chains.add(made);
        put(new Table(family, args.table, chains));
        return made;
    }

    private void put(Table t) {
        List<Table> tables = new ArrayList<>(ruleset.tables());
        int at = -1;
        for (int k = 0; k < tables.size(); k++) {
            if (tables.get(k).family() == t.family() && tables.get(k).name().equals(t.name())) {
                at = k;
            }
        }
        if (at < 0) {
            tables.add(t);
        } else {
            tables.set(at, t);
        }
        ruleset = new Ruleset(tables);
    }

    private void replace(Chain c) {
        Table t = table().orElseThrow();
        List<Chain> chains = new ArrayList<>(t.chains());
        for (int k = 0; k < chains.size(); k++) {
            if (chains.get(k).name().equals(c.name())) {
                chains.set(k, c);
            }
        }
        put(new Table(t.family(), t.name(), chains));
    }

    private void commit() {
        sink.accept(ruleset);
    }

    private int add() throws IptablesArgs.Bad {
        IptRule spec = args.rule(this::userChain);
        if (chain(args.chain).isEmpty() && !builtins().contains(args.chain)) {
            return fail(NO_CHAIN);
        }
        Chain c = chain(args.chain).orElse(null);
        int at = c == null ? 0 : c.rules().size();
        if (args.command == 'R') {
            int n = args.number == null ? 0 : args.number;
            if (c == null || n < 1 || n > c.rules().size()) {
                return fail(": Index of replacement too big.\n");
            }
            at = n - 1;
        }
        if (args.command == 'I') {
            int n = args.number == null ? 1 : args.number;
            int size = c == null ? 0 : c.rules().size();
            if (n < 1 || n > size + 1) {
                return fail(": Index of insertion too big.\n");
            }
            at = n - 1;
        }
        Optional<String> refused = refusal(spec, args.chain);
        if (refused.isPresent()) {
            inv.err(tool + " " + VERSION + ":  " + (args.command == 'I' ? "RULE_INSERT" : args.command == 'R' ? "RULE_REPLACE" : "RULE_APPEND")
                    + " failed (Invalid argument): rule in chain " + args.chain + "\n");
            return 4;
        }
        c = ensure(args.chain);
        if (c == null) {
            return fail(NO_CHAIN); // a chain of the name that iptables-nft did not make
        }
        Rule rule = spec.toRule();
        inv.world().firewallOrigins().put(rule, spec);
        List<Rule> rules = new ArrayList<>(c.rules());
        if (args.command == 'R') {
            rules.set(at, rule);
        } else {
            rules.add(Math.min(at, rules.size()), rule);
        }
        replace(new Chain(c.name(), c.base(), rules));
        commit();
        return 0;
    }

    /** Why the kernel refuses the rule in this chain: a NAT target outside nat, or at the wrong hook. */
    private Optional<String> refusal(IptRule spec, String chain) {
        if (spec.target().isEmpty()) {
            return Optional.empty();
        }
        boolean src = spec.target().get() instanceof IptRule.Masquerade || spec.target().get() instanceof IptRule.Snat;
        boolean dst = spec.target().get() instanceof IptRule.Dnat;
        if (!src && !dst) {
            return Optional.empty();
        }
        if (type() != ChainType.NAT) {
            return Optional.of("nat target outside the nat table");
        }
        if (src && (chain.equals("PREROUTING") || chain.equals("OUTPUT")) || dst && (chain.equals("POSTROUTING") || chain.equals("INPUT"))) {
            return Optional.of("wrong hook");
        }
        return Optional.empty();
    }

    private int delete() throws IptablesArgs.Bad {
        Optional<Chain> c = chain(args.chain);
        if (c.isEmpty()) {
            return fail(NO_CHAIN);
        }
        int index;
        if (args.number != null) {
            index = args.number - 1;
            if (index < 0 || index >= c.get().rules().size()) {
                return fail(": Index of deletion too big.\n");
            }
        } else {
            Rule wanted = args.rule(this::userChain).toRule();
            index = c.get().rules().indexOf(wanted);
            if (index < 0) {
                return fail(": Bad rule (does a matching rule exist in that chain?).\n");
            }
        }
        List<Rule> rules = new ArrayList<>(c.get().rules());
        rules.remove(index);
        replace(new Chain(c.get().name(), c.get().base(), rules));
        commit();
        return 0;
    }

    private int policy() {
        Optional<Policy> p = switch (args.policy) {
            case "ACCEPT" -> Optional.of(Policy.ACCEPT);
            case "DROP" -> Optional.of(Policy.DROP);
            default -> Optional.empty();
        };
        if (!builtins().contains(args.chain)) {
            return fail(": Bad built-in chain name.\n");
        }
        if (p.isEmpty()) {
            return fail(": Bad policy name. Run `dmesg' for more information.\n");
        }
        Chain c = ensure(args.chain);
        if (c == null) {
            return fail(NO_CHAIN);
        }
        BaseChain b = c.base().orElseThrow();
        replace(new Chain(c.name(), Optional.of(new BaseChain(b.type(), b.hook(), b.priority(), p.get())), c.rules()));
        commit();
        return 0;
    }

    private int newChain() {
        if (chain(args.chain).isPresent() || builtins().contains(args.chain)) {
            return fail(": Chain already exists.\n");
        }
        Table t = table().orElse(new Table(family, args.table, List.of()));
        List<Chain> chains = new ArrayList<>(t.chains());
        chains.add(Chain.regular(args.chain, List.of()));
        put(new Table(family, args.table, chains));
        commit();
        return 0;
    }

    private int deleteChain() {
        List<String> names = new ArrayList<>();
        if (args.chain != null) {
            if (!userChain(args.chain)) {
                return fail(NO_CHAIN);
            }
            names.add(args.chain);
        } else {
            // iptables-nft 1.8.9 also removes the builtin chains left empty with policy ACCEPT (nft then lists an empty table)
            table().ifPresent(t -> t.chains().stream().filter(this::compatible).filter(c -> c.base().isEmpty()
                    || c.rules().isEmpty() && c.base().get().policy() == Policy.ACCEPT).forEach(c -> names.add(c.name())));
        }
        for (String n : names) {
            if (references(n) > 0) {
                inv.err(tool + " " + VERSION + ":  CHAIN_DEL failed (Device or resource busy): chain " + n + "\n");
                return 4;
            }
        }
        if (names.isEmpty()) {
            return 0;
        }
        Table t = table().orElseThrow();
        put(new Table(t.family(), t.name(), t.chains().stream().filter(c -> !names.contains(c.name())).toList()));
        commit();
        return 0;
    }

    private int flush() {
        if (args.chain != null && chain(args.chain).isEmpty()) {
            return builtins().contains(args.chain) ? 0 : fail(NO_CHAIN);
        }
        if (table().isEmpty()) {
            return 0;
        }
        Table t = table().get();
        put(new Table(t.family(), t.name(), t.chains().stream()
                .map(c -> args.chain == null || c.name().equals(args.chain) ? new Chain(c.name(), c.base(), List.of()) : c).toList()));
        commit();
        return 0;
    }

    private long references(String chain) {
        return table().map(t -> t.chains().stream().flatMap(c -> c.rules().stream())
                .filter(r -> r.verdict().filter(v -> v instanceof Verdict.Jump j && j.chain().equals(chain)
                        || v instanceof Verdict.Goto g && g.chain().equals(chain)).isPresent()).count()).orElse(0L);
    }

    // ---- listings ----

    /** The chains to list: builtins in hook order, then user chains by name; one chain when named. */
    private List<String> listed() {
        if (args.chain != null) {
            return List.of(args.chain);
        }
        List<String> out = new ArrayList<>(builtins());
        table().ifPresent(t -> t.chains().stream().filter(c -> c.base().isEmpty()).map(Chain::name).sorted().forEach(out::add));
        return out;
    }

    private boolean listable(String name) {
        return builtins().contains(name) || chain(name).isPresent();
    }

    private IptRule specOf(Rule r) {
        return inv.world().firewallOrigins().of(r).orElseGet(() -> IptFromRule.of(r, family));
    }

    private int list() {
        if (args.chain != null && !listable(args.chain)) {
            inv.err(tool + " " + VERSION + ": chain `" + args.chain + "' in table `" + args.table + "' is incompatible, use 'nft' tool.\n");
            return 1;
        }
        IptText.Format f = new IptText.Format(args.numeric, args.verbose, args.exact, args.lineNumbers);
        RulesetText.Counters counts = inv.world().network().counters(inv.netns());
        StringBuilder sb = new StringBuilder(incompatibleNote());
        boolean first = true;
        for (String name : listed()) {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            Optional<Chain> c = chain(name);
            Table t = table().orElse(null);
            if (builtins().contains(name)) {
                Policy p = c.flatMap(Chain::base).map(BaseChain::policy).orElse(Policy.ACCEPT);
                sb.append("Chain ").append(name).append(" (policy ").append(p.word().toUpperCase());
                if (args.verbose) {
                    long[] n = c.isPresent() ? counts.of(t, c.get(), ChainRunner.POLICY) : new long[2];
                    sb.append(' ').append(policyNumber(n[0])).append(" packets, ").append(policyNumber(n[1])).append(" bytes");
                }
                sb.append(")\n");
            } else {
                sb.append("Chain ").append(name).append(" (").append(references(name)).append(" references)\n");
            }
            sb.append(IptText.header(f));
            if (c.isPresent()) {
                List<Rule> rules = c.get().rules();
                for (int k = 0; k < rules.size(); k++) {
                    sb.append(IptText.line(f, k + 1, counts.of(t, c.get(), k), specOf(rules.get(k))));
                }
            }
        }
        inv.out(sb.toString());
        return 0;
    }

    private String policyNumber(long n) {
        return args.exact ? Long.toString(n) : IptText.number(n, new IptText.Format(false, true, false, false)).strip();
    }

    private int rules() {
        if (args.chain != null && !listable(args.chain)) {
            return fail(NO_CHAIN);
        }
        StringBuilder sb = new StringBuilder(incompatibleNote());
        for (String name : listed()) {
            if (builtins().contains(name)) {
                Policy p = chain(name).flatMap(Chain::base).map(BaseChain::policy).orElse(Policy.ACCEPT);
                sb.append("-P ").append(name).append(' ').append(p.word().toUpperCase()).append('\n');
            } else {
                sb.append("-N ").append(name).append('\n');
            }
        }
        for (String name : listed()) {
            chain(name).ifPresent(c -> c.rules().forEach(r -> sb.append(IptText.spec(name, specOf(r))).append('\n')));
        }
        inv.out(sb.toString());
        return 0;
    }
}
