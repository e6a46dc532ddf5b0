package io.nslab.script;

import java.util.List;
import java.util.Optional;

/** The shell subset's syntax tree: every node keeps the position of its first character. */
public sealed interface Node {

    Pos pos();

    /** {@code file:line:col}, 1-based, as error messages print it. */
    record Pos(String file, int line, int col) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + col;
        }
    }

    /** One piece of a word: literal text or a variable expansion, quoted or not (unquoted values are field-split). */
    sealed interface Part {
        record Lit(String text, boolean quoted) implements Part {
        }

        record Var(String name, boolean quoted) implements Part {
        }
    }

    record Word(Pos pos, List<Part> parts) {
        /** The text when the word has no expansion, for recognising command names and keywords. */
        public Optional<String> literal() {
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                switch (p) {
                    case Part.Lit l -> sb.append(l.text());
                    case Part.Var v -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(sb.toString());
        }

        boolean quoted() {
            return parts.stream().anyMatch(p -> p instanceof Part.Lit l && l.quoted());
        }
    }

    record Assign(String name, Word value) {
    }

    /** {@code NAME=value ... cmd args > target}; a line of assignments alone has no words. */
    record Simple(Pos pos, List<Assign> assigns, List<Word> words, Optional<Word> redirect) implements Node {
    }

    /** {@code left && right} or {@code left || right}. */
    record AndOr(Node left, boolean and, Node right) implements Node {
        public Pos pos() {
            return left.pos();
        }
    }

    record Seq(Pos pos, List<Node> items) implements Node {
    }

    record For(Pos pos, String var, List<Word> items, Seq body) implements Node {
    }
}
