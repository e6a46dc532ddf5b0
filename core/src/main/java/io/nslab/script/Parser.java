package io.nslab.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the shell subset into a {@link Node.Seq}; anything outside it, including a command the
 * interpreter does not know, is refused at {@code file:line:col} before anything runs.
 */
public final class Parser {
    /** Commands the interpreter runs; {@code ip netns exec} may run any of them too. */
    public static final Set<String> COMMANDS = Set.of("ip", "route", "sysctl", "ping", "traceroute", "echo", "cat",
            "set", "true", "false", ":", "sleep");
    private static final Set<String> REFUSED_WORDS = Set.of("if", "then", "else", "elif", "fi", "while", "until", "case",
            "esac", "function", "select", "!", "[[", "]]", "{", "}", "in");

    private final List<Lexer.Token> tokens;
    private int k;

    private Parser(List<Lexer.Token> tokens) {
        this.tokens = tokens;
    }

    public static Node.Seq parse(String file, String source) {
        Parser p = new Parser(new Lexer(file, source).tokens());
        Node.Seq seq = p.list(Set.of());
        if (k(p) < p.tokens.size()) {
            Lexer.Token t = p.tokens.get(k(p));
            throw new ScriptSyntaxException(t.pos(), "unexpected '" + text(t) + "'");
        }
        return seq;
    }

    private static int k(Parser p) {
        return p.k;
    }

    /** Commands separated by ';' or newlines, up to a keyword in {@code enders} (for 'done'). */
    private Node.Seq list(Set<String> enders) {
        Node.Pos start = peek().pos();
        List<Node> items = new ArrayList<>();
        while (k < tokens.size()) {
            Lexer.Token t = peek();
            if (t.isOp("\n") || t.isOp(";") && !items.isEmpty()) {
                k++;
                continue;
            }
            if (t.word() != null && t.word().literal().filter(enders::contains).isPresent() && !t.word().quoted()) {
                break;
            }
            items.add(andOr());
            Lexer.Token after = peek();
            if (after != null && !after.isOp("\n") && !after.isOp(";")) {
                if (after.word() != null && after.word().literal().filter(enders::contains).isPresent()) {
                    break;
                }
                throw new ScriptSyntaxException(after.pos(), "unexpected '" + text(after) + "'");
            }
        }
        return new Node.Seq(start, List.copyOf(items));
    }

    private Node andOr() {
        Node left = command();
        while (peek() != null && (peek().isOp("&&") || peek().isOp("||"))) {
            boolean and = peek().isOp("&&");
            k++;
            while (peek() != null && peek().isOp("\n")) {
                k++;
            }
            left = new Node.AndOr(left, and, command());
        }
        return left;
    }

    private Node command() {
        Lexer.Token t = peek();
        if (t == null || t.word() == null) {
            throw new ScriptSyntaxException(t == null ? tokens.getLast().pos() : t.pos(),
                    "syntax error near '" + (t == null ? "end of file" : text(t)) + "'");
        }
        Optional<String> lit = t.word().literal().filter(s -> !t.word().quoted());
        if (lit.filter("for"::equals).isPresent()) {
            return forLoop();
        }
        if (lit.filter(REFUSED_WORDS::contains).isPresent()) {
            throw new ScriptSyntaxException(t.pos(), "unsupported: '" + lit.get() + "'");
        }
        return simple();
    }

    private Node.For forLoop() {
        Node.Pos pos = next().pos();
        Lexer.Token name = orEnd(next());
        String var = name.word() == null ? "" : name.word().literal().orElse("");
        if (var.isEmpty() || !var.chars().allMatch(c -> Lexer.isName((char) c, false)) || Character.isDigit(var.charAt(0))) {
            throw new ScriptSyntaxException(name.pos(), "expected a variable name after 'for'");
        }
        Lexer.Token in = orEnd(next());
        if (in.word() == null || !in.word().literal().orElse("").equals("in")) {
            throw new ScriptSyntaxException(in.pos(), "unsupported: 'for' without 'in WORDS'");
        }
        List<Node.Word> items = new ArrayList<>();
        while (peek() != null && peek().word() != null) {
            items.add(next().word());
        }
        if (peek() == null || !peek().isOp(";") && !peek().isOp("\n")) {
            throw new ScriptSyntaxException(orEnd(peek()).pos(), "expected ';' or a newline before 'do'");
        }
        while (peek() != null && (peek().isOp(";") || peek().isOp("\n"))) {
            k++;
        }
        Lexer.Token d = orEnd(next());
        if (d.word() == null || !d.word().literal().orElse("").equals("do")) {
            throw new ScriptSyntaxException(d.pos(), "expected 'do'");
        }
        Node.Seq body = list(Set.of("done"));
        Lexer.Token done = next();
        if (done == null || done.word() == null || !done.word().literal().orElse("").equals("done")) {
            throw new ScriptSyntaxException(done == null ? tokens.getLast().pos() : done.pos(), "expected 'done'");
        }
        return new Node.For(pos, var, List.copyOf(items), body);
    }

    private Node.Simple simple() {
        Node.Pos pos = peek().pos();
        List<Node.Assign> assigns = new ArrayList<>();
        List<Node.Word> words = new ArrayList<>();
        Optional<Node.Word> redirect = Optional.empty();
        while (peek() != null && (peek().word() != null || peek().isOp(">"))) {
            Lexer.Token t = next();
            if (t.isOp(">")) {
                Lexer.Token target = next();
                if (target == null || target.word() == null) {
                    throw new ScriptSyntaxException(t.pos(), "'>' needs a file name");
                }
                redirect = Optional.of(target.word());
                continue;
            }
            Optional<Node.Assign> a = words.isEmpty() ? assignment(t.word()) : Optional.empty();
            if (a.isPresent()) {
                assigns.add(a.get());
            } else {
                words.add(t.word());
            }
        }
        if (!words.isEmpty()) {
            Node.Word cmd = words.getFirst();
            Optional<String> name = cmd.literal();
            if (name.isEmpty()) {
                throw new ScriptSyntaxException(cmd.pos(), "unsupported: a command name that is not a literal word");
            }
            if (!COMMANDS.contains(name.get())) {
                throw new ScriptSyntaxException(cmd.pos(), "unsupported command: '" + name.get() + "' (supported: "
                        + String.join(" ", new java.util.TreeSet<>(COMMANDS)) + ")");
            }
            checkNetnsExec(words);
            if (!assigns.isEmpty()) {
                throw new ScriptSyntaxException(pos, "unsupported: assignments in front of a command");
            }
        }
        if (redirect.isPresent() && (words.isEmpty() || !words.getFirst().literal().orElse("").equals("echo"))) {
            throw new ScriptSyntaxException(redirect.get().pos(), "unsupported: '>' other than echo VALUE > /proc/sys/net/...");
        }
        return new Node.Simple(pos, List.copyOf(assigns), List.copyOf(words), redirect);
    }

    /** {@code ip [-n NS] netns exec NS CMD ...}: the command inside is refused up front too. */
    private static void checkNetnsExec(List<Node.Word> words) {
        if (!words.getFirst().literal().orElse("").equals("ip")) {
            return;
        }
        for (int i = 2; i + 2 < words.size(); i++) {
            Optional<String> prev = words.get(i - 1).literal();
            boolean netns = prev.filter(p -> p.length() >= 4 && "netns".startsWith(p)).isPresent();
            if (netns && words.get(i).literal().filter("exec"::equals).isPresent()) {
                Node.Word cmd = words.get(i + 2);
                Optional<String> name = cmd.literal();
                if (name.isPresent() && (!COMMANDS.contains(name.get()) || name.get().equals("set"))) {
                    throw new ScriptSyntaxException(cmd.pos(), "unsupported command in ip netns exec: '" + name.get() + "'");
                }
                return;
            }
        }
    }

    private static Optional<Node.Assign> assignment(Node.Word w) {
        if (w.parts().isEmpty() || !(w.parts().getFirst() instanceof Node.Part.Lit first) || first.quoted()) {
            return Optional.empty();
        }
        int eq = first.text().indexOf('=');
        if (eq <= 0 || !first.text().substring(0, eq).chars().allMatch(c -> Lexer.isName((char) c, false))
                || Character.isDigit(first.text().charAt(0))) {
            return Optional.empty();
        }
        List<Node.Part> rest = new ArrayList<>();
        if (eq + 1 < first.text().length()) {
            rest.add(new Node.Part.Lit(first.text().substring(eq + 1), false));
        }
        rest.addAll(w.parts().subList(1, w.parts().size()));
        return Optional.of(new Node.Assign(first.text().substring(0, eq), new Node.Word(w.pos(), List.copyOf(rest))));
    }

    /** {@code t}, or at the end of the script its last token (the lexer's closing newline), whose position is the end. */
    private Lexer.Token orEnd(Lexer.Token t) {
        return t != null ? t : tokens.getLast();
    }

    private Lexer.Token peek() {
        return k < tokens.size() ? tokens.get(k) : null;
    }

    private Lexer.Token next() {
        return k < tokens.size() ? tokens.get(k++) : null;
    }

    private static String text(Lexer.Token t) {
        return t.op() != null ? (t.op().equals("\n") ? "newline" : t.op()) : t.word().literal().orElse("$...");
    }
}
