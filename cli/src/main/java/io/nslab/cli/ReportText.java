package io.nslab.cli;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Text of a machine-readable report, appended piece by piece and handed to the output 64 KB at a time, so that a
 * report of millions of results is written as it is made (no tree of maps, no pretty-printer, no whole-report
 * string). Strings are escaped as JSON strings, or as YAML scalars (plain where YAML reads them back as the same
 * string, double-quoted otherwise).
 */
final class ReportText implements AutoCloseable {
    private static final int CHUNK = 1 << 16;
    /** What a YAML 1.2 plain scalar may be without being read as another string, a number, a bool or null. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 ._/()'>:-]*");
    private static final Pattern SPECIAL = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");

    private final PrintWriter out;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

    ReportText(PrintWriter out) {
        this.out = out;
    }

    ReportText raw(String s) {
        buffer.append(s);
        return spill();
    }

    ReportText raw(long n) {
        buffer.append(n);
        return spill();
    }

    /** {@code s} as a JSON string, quotes included. */
    ReportText json(String s) {
        buffer.append('"');
        if (plainJson(s)) {
            // the common case, as every name and address of all-pairs: appended whole, not a char at a time
            buffer.append(s).append('"');
            return spill();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> buffer.append("\\\"");
                case '\\' -> buffer.append("\\\\");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                case '\t' -> buffer.append("\\t");
                default -> {
                    if (c < 0x20) {
                        buffer.append(String.format("\\u%04x", (int) c));
                    } else {
                        buffer.append(c);
                    }
                }
            }
        }
        buffer.append('"');
        return spill();
    }

    private static boolean plainJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code s} as a YAML scalar that reads back as this string. */
    ReportText yaml(String s) {
        boolean plain = PLAIN.matcher(s).matches() && !s.contains(": ") && !s.endsWith(":") && !s.endsWith(" ")
                && !SPECIAL.matcher(s).matches();
        return plain ? raw(s) : json(s); // a JSON string is a YAML double-quoted scalar
    }

    private ReportText spill() {
        if (buffer.length() >= CHUNK) {
            out.append(buffer);
            buffer.setLength(0);
        }
        return this;
    }

    @Override
    public void close() {
        out.append(buffer);
        buffer.setLength(0);
        out.flush();
    }
}
