package io.nslab.firewall;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule's text into words, braces and commas, keeping each one's offset; quotes are removed. */
final class RuleTokens {
    record Token(String text, int offset, boolean quoted) {
    }

    private final List<Token> tokens;
    private final int end;
    private int next;

    RuleTokens(String text) throws RuleSyntaxException {
        this.tokens = split(text);
        this.end = text.length();
    }

    boolean done() {
        return next >= tokens.size();
    }

    Token peek() {
        return done() ? new Token("", end, false) : tokens.get(next);
    }

    Token take(String what) throws RuleSyntaxException {
        if (done()) {
            throw new RuleSyntaxException(end, "missing " + what + " at the end of the rule");
        }
        return tokens.get(next++);
    }

    boolean accept(String word) {
        if (!done() && !tokens.get(next).quoted() && tokens.get(next).text().equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    /** One value, or {@code { a, b }}, or {@code a,b} (ct state's way). */
    List<Token> list(String what) throws RuleSyntaxException {
        List<Token> out = new ArrayList<>();
        if (accept("{")) {
            while (true) {
                Token t = take(what + " or }");
                if (t.text().equals("}") && !t.quoted()) {
                    if (out.isEmpty()) {
                        throw new RuleSyntaxException(t.offset(), "an empty set { } matches nothing; give " + what);
                    }
                    return out;
                }
                if (t.text().equals(",") && !t.quoted()) {
                    continue;
                }
                out.add(t);
            }
        }
        out.add(take(what));
        while (accept(",")) {
            out.add(take(what));
        }
        return out;
    }

    private static List<Token> split(String s) throws RuleSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '{' || c == '}' || c == ',') {
                out.add(new Token(String.valueOf(c), i, false));
                i++;
            } else if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    throw new RuleSyntaxException(i, "unterminated quote");
                }
                out.add(new Token(s.substring(i + 1, close), i, true));
                i = close + 1;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "{},\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), start, false));
            }
        }
        return out;
    }
}
