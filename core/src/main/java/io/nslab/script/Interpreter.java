package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a parsed script against a {@link ScriptWorld} as bash would run it: variables, {@code for}, {@code &&}
 * and {@code ||}, {@code $?}, and {@code set -e}, which stops at a failing command unless the command is
 * tested by {@code &&} or {@code ||} (the left side of either), as POSIX says.
 */
public final class Interpreter {
    /** Longest value of a variable or a word after expansion: a script that doubles a value each line stops here. */
    static final int MAX_VALUE = 1 << 20;
    /** Commands one script may run: setting up ten thousand namespaces takes far fewer; loops without end stop here. */
    static final int MAX_COMMANDS = 200_000;
    private final ScriptWorld world;
    private final Output io;
    private final String scriptName;
    private final Map<String, String> vars = new HashMap<>();
    private int status;
    private boolean errexit;
    private int commands;

    /** Thrown to unwind the script when {@code set -e} stops it. */
    private static final class Exit extends RuntimeException {
        Exit() {
            super(null, null, false, false);
        }
    }

    public Interpreter(ScriptWorld world, Output io, String scriptName) {
        this.world = world;
        this.io = io;
        this.scriptName = scriptName;
    }

    /** Parses and runs {@code source}; returns the script's exit status. Refuses unsupported syntax before running. */
    public static int run(ScriptWorld world, Output io, String file, String source) {
        Node.Seq script = Parser.parse(file, source);
        return new Interpreter(world, io, file).run(script);
    }

    public int run(Node.Seq script) {
        try {
            exec(script, true);
        } catch (Exit e) {
            // status holds the failing command's
        }
        return status;
    }

    private void exec(Node node, boolean checked) {
        switch (node) {
            case Node.Seq s -> {
                for (Node n : s.items()) {
                    exec(n, checked);
                }
            }
            case Node.AndOr a -> {
                exec(a.left(), false);
                if ((status == 0) == a.and()) {
                    exec(a.right(), checked);
                }
            }
            case Node.For f -> {
                List<String> items = new ArrayList<>();
                for (Node.Word w : f.items()) {
                    items.addAll(expand(w, f));
                }
                status = 0;
                for (String item : items) {
                    vars.put(f.var(), item);
                    exec(f.body(), checked);
                }
            }
            case Node.Simple s -> {
                status = simple(s);
                if (status != 0 && errexit && checked) {
                    throw new Exit();
                }
            }
        }
    }

    private int simple(Node.Simple s) {
        if (++commands > MAX_COMMANDS) {
            throw stop(s, "the script ran " + MAX_COMMANDS + " commands; nslab script runs no more");
        }
        for (Node.Assign a : s.assigns()) {
            vars.put(a.name(), bounded(s, a.name(), String.join(" ", expandQuoted(a.value(), s))));
        }
        List<String> argv = new ArrayList<>();
        for (Node.Word w : s.words()) {
            argv.addAll(expand(w, s));
        }
        if (argv.isEmpty()) {
            return 0;
        }
        if (argv.getFirst().equals("set")) {
            return set(s, argv);
        }
        Optional<String> redirect = s.redirect().map(w -> String.join(" ", expandQuoted(w, s)));
        Invocation inv = new Invocation(world, io, ScriptWorld.ROOT, argv, redirect, scriptName + ": line " + s.pos().line() + ": ");
        return Tools.run(inv);
    }

    private int set(Node.Simple s, List<String> argv) {
        for (String a : argv.subList(1, argv.size())) {
            switch (a) {
                case "-e", "-o errexit" -> errexit = true;
                case "+e" -> errexit = false;
                default -> {
                    io.err(scriptName + ": line " + s.pos().line() + ": set: " + a + ": unsupported by nslab script\n");
                    return 2;
                }
            }
        }
        return 0;
    }

    /** Expansion with field splitting of unquoted variables on blanks, as IFS's default does. */
    private List<String> expand(Node.Word w, Node at) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean have = false;
        for (Node.Part p : w.parts()) {
            switch (p) {
                case Node.Part.Lit l -> {
                    cur.append(l.text());
                    have = true;
                }
                case Node.Part.Var v when v.quoted() -> {
                    cur.append(bounded(at, v.name(), cur, value(v.name())));
                    have = true;
                }
                case Node.Part.Var v -> {
                    String val = bounded(at, v.name(), cur, value(v.name()));
                    String[] pieces = val.split("[ \t\n]+", -1);
                    for (int i = 0; i < pieces.length; i++) {
                        if (i > 0 && (have || !cur.isEmpty())) {
                            fields.add(cur.toString());
                            cur.setLength(0);
                            have = false;
                        }
                        if (!pieces[i].isEmpty()) {
                            cur.append(pieces[i]);
                            have = true;
                        }
                    }
                }
            }
        }
        if (have || !cur.isEmpty()) {
            fields.add(cur.toString());
        }
        return fields;
    }

    private List<String> expandQuoted(Node.Word w, Node at) {
        StringBuilder sb = new StringBuilder();
        for (Node.Part p : w.parts()) {
            switch (p) {
                case Node.Part.Lit l -> sb.append(l.text());
                case Node.Part.Var v -> sb.append(bounded(at, v.name(), sb, value(v.name())));
            }
        }
        return List.of(sb.toString());
    }

    /** {@code more}, unless appending it to {@code sofar} would make a value longer than {@link #MAX_VALUE}. */
    private String bounded(Node at, String var, CharSequence sofar, String more) {
        if ((long) sofar.length() + more.length() > MAX_VALUE) {
            throw stop(at, "expanding $" + var + " makes a word longer than " + MAX_VALUE + " characters; nslab script stops here");
        }
        return more;
    }

    private String bounded(Node at, String var, String value) {
        return bounded(at, var, "", value);
    }

    /** Ends the script with a clean error (exit 2) naming the line, as a runaway script deserves. */
    private NslabException stop(Node at, String why) {
        return new NslabException(ExitCode.BAD_INPUT, scriptName + ": line " + at.pos().line() + ": " + why);
    }

    private String value(String name) {
        return name.equals("?") ? Integer.toString(status) : vars.getOrDefault(name, "");
    }
}
