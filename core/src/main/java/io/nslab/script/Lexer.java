package io.nslab.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into words and operators, refusing at its position anything outside the subset:
 * pipes, background jobs, command substitution, input redirection, globs, here-documents.
 */
final class Lexer {

    /** A word, or one of the operators {@code ; && || > \n}. */
    record Token(Node.Pos pos, String op, Node.Word word) {
        boolean isOp(String o) {
            return o.equals(op);
        }
    }

    private final String file;
    private final String src;
    private int i;
    private int line = 1;
    private int col = 1;

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (i < src.length()) {
            char c = src.charAt(i);
            Node.Pos pos = pos();
            if (c == ' ' || c == '\t') {
                advance();
            } else if (c == '\\' && peek(1) == '\n') {
                advance();
                advance();
            } else if (c == '#') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    advance();
                }
            } else if (c == '\n' || c == ';') {
                if (c == ';' && peek(1) == ';') {
                    throw new ScriptSyntaxException(pos, "unsupported: ';;' (case)");
                }
                advance();
                out.add(new Token(pos, c == '\n' ? "\n" : ";", null));
            } else if (c == '&') {
                if (peek(1) != '&') {
                    throw new ScriptSyntaxException(pos, "unsupported: '&' (background jobs)");
                }
                advance();
                advance();
                out.add(new Token(pos, "&&", null));
            } else if (c == '|') {
                if (peek(1) != '|') {
                    throw new ScriptSyntaxException(pos, "unsupported: '|' (pipelines)");
                }
                advance();
                advance();
                out.add(new Token(pos, "||", null));
            } else if (c == '>') {
                if (peek(1) == '>' || peek(1) == '&' || peek(1) == '|') {
                    throw new ScriptSyntaxException(pos, "unsupported: '>" + peek(1) + "' (only '>' to /proc/sys/net/...)");
                }
                advance();
                out.add(new Token(pos, ">", null));
            } else if (c == '<') {
                throw new ScriptSyntaxException(pos, "unsupported: '<' (input redirection)");
            } else if (c == '(' || c == ')' || c == '{' || c == '}') {
                throw new ScriptSyntaxException(pos, "unsupported: '" + c + "' (subshells, groups and functions)");
            } else {
                out.add(new Token(pos, null, word()));
            }
        }
        out.add(new Token(pos(), "\n", null));
        return out;
    }

    private Node.Word word() {
        Node.Pos start = pos();
        List<Node.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (" \t\n;&|<>()".indexOf(c) >= 0) {
                break;
            }
            if (c == '{' || c == '}') {
                // Braces inside a word are literal to bash except for brace expansion, which the subset refuses.
                if (c == '{' && src.indexOf('}', i) > 0 && (src.indexOf(',', i) < src.indexOf('}', i) && src.indexOf(',', i) > 0
                        || src.startsWith("..", i + 2))) {
                    throw new ScriptSyntaxException(pos(), "unsupported: brace expansion");
                }
                lit.append(c);
                advance();
            } else if (c == '\\') {
                advance();
                if (i < src.length() && src.charAt(i) != '\n') {
                    flush(parts, lit, false);
                    lit.append(src.charAt(i));
                    flush(parts, lit, true);
                }
                advance();
            } else if (c == '\'') {
                flush(parts, lit, false);
                Node.Pos q = pos();
                advance();
                while (i < src.length() && src.charAt(i) != '\'') {
                    lit.append(src.charAt(i));
                    advance();
                }
                if (i >= src.length()) {
                    throw new ScriptSyntaxException(q, "unterminated single quote");
                }
                advance();
                flush(parts, lit, true);
                if (parts.isEmpty() || !(parts.getLast() instanceof Node.Part.Lit)) {
                    parts.add(new Node.Part.Lit("", true));
                }
            } else if (c == '"') {
                flush(parts, lit, false);
                Node.Pos q = pos();
                advance();
                int before = parts.size();
                while (i < src.length() && src.charAt(i) != '"') {
                    char d = src.charAt(i);
                    if (d == '\\' && i + 1 < src.length() && "$`\"\\\n".indexOf(src.charAt(i + 1)) >= 0) {
                        advance();
                        if (src.charAt(i) != '\n') {
                            lit.append(src.charAt(i));
                        }
                        advance();
                    } else if (d == '$') {
                        flush(parts, lit, true);
                        dollar(parts, true);
                    } else if (d == '`') {
                        throw new ScriptSyntaxException(pos(), "unsupported: '`' (command substitution)");
                    } else {
                        lit.append(d);
                        advance();
                    }
                }
                if (i >= src.length()) {
                    throw new ScriptSyntaxException(q, "unterminated double quote");
                }
                advance();
                flush(parts, lit, true);
                if (parts.size() == before) {
                    parts.add(new Node.Part.Lit("", true));
                }
            } else if (c == '$') {
                flush(parts, lit, false);
                dollar(parts, false);
            } else if (c == '`') {
                throw new ScriptSyntaxException(pos(), "unsupported: '`' (command substitution)");
            } else if (c == '*' || c == '?' || c == '[') {
                throw new ScriptSyntaxException(pos(), "unsupported: '" + c + "' (pathname expansion; quote it)");
            } else if (c == '~' && lit.isEmpty() && parts.isEmpty()) {
                throw new ScriptSyntaxException(pos(), "unsupported: '~' (tilde expansion)");
            } else {
                lit.append(c);
                advance();
            }
        }
        flush(parts, lit, false);
        return new Node.Word(start, List.copyOf(parts));
    }

    private void dollar(List<Node.Part> parts, boolean quoted) {
        Node.Pos at = pos();
        advance();
        char c = i < src.length() ? src.charAt(i) : ' ';
        if (c == '?') {
            advance();
            parts.add(new Node.Part.Var("?", quoted));
        } else if (c == '{') {
            advance();
            int start = i;
            while (i < src.length() && isName(src.charAt(i), i == start)) {
                advance();
            }
            String name = src.substring(start, i);
            if (name.isEmpty() && i < src.length() && src.charAt(i) == '?') {
                advance();
                name = "?";
            }
            if (name.isEmpty() || i >= src.length() || src.charAt(i) != '}') {
                throw new ScriptSyntaxException(at, "unsupported: parameter expansion other than ${NAME}");
            }
            advance();
            parts.add(new Node.Part.Var(name, quoted));
        } else if (isName(c, true)) {
            int start = i;
            while (i < src.length() && isName(src.charAt(i), i == start)) {
                advance();
            }
            parts.add(new Node.Part.Var(src.substring(start, i), quoted));
        } else if (c == '(') {
            throw new ScriptSyntaxException(at, "unsupported: '$(' (command substitution and arithmetic)");
        } else if (Character.isDigit(c) || "@*#$!-".indexOf(c) >= 0) {
            throw new ScriptSyntaxException(at, "unsupported: special parameter '$" + c + "'");
        } else {
            // A lone '$' is literal to bash.
            parts.add(new Node.Part.Lit("$", quoted));
        }
    }

    static boolean isName(char c, boolean first) {
        return c == '_' || Character.isLetter(c) && c < 128 || !first && Character.isDigit(c);
    }

    private static void flush(List<Node.Part> parts, StringBuilder lit, boolean quoted) {
        if (!lit.isEmpty()) {
            parts.add(new Node.Part.Lit(lit.toString(), quoted));
            lit.setLength(0);
        }
    }

    private char peek(int ahead) {
        return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
    }

    private Node.Pos pos() {
        return new Node.Pos(file, line, col);
    }

    private void advance() {
        if (i < src.length() && src.charAt(i) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i++;
    }
}
