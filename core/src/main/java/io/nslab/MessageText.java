package io.nslab;

/**
 * Makes a one-line message that quotes user input safe to print: control characters, line and
 * paragraph separators and bidirectional overrides are escaped (a name must not clear the terminal,
 * break the line or reverse it), and a message that quotes a huge value is cut in the middle, so that
 * a 10 MB name gives a short message, not a 10 MB one.
 */
public final class MessageText {
    /** Longest message kept whole; longer ones keep their start and their end. */
    public static final int MAX = 400;
    private static final int HEAD = 220;
    private static final int TAIL = 120;

    private MessageText() {
    }

    public static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(Math.min(message.length(), 2 * MAX));
        int n = message.length();
        for (int i = 0; i < n; i++) {
            if (n > MAX && i == HEAD) {
                sb.append("...(").append(n - HEAD - TAIL).append(" characters left out)...");
                i = n - TAIL;
            }
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c >= '\u202a' && c <= '\u202e'
                            || c >= '\u2066' && c <= '\u2069'
                            || Character.isSurrogate(c) && !validPair(message, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
