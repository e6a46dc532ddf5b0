package io.nslab.model;

import java.nio.charset.StandardCharsets;

/**
 * A node's UTS host name: labels of letters, digits and '-' separated by single dots, each label 1..63
 * characters that starts and ends with a letter or digit (RFC 1123), at most 64 bytes in all, which is
 * what the kernel's {@code sethostname} takes ({@code __NEW_UTS_LEN}; a longer write to
 * {@code /proc/sys/kernel/hostname} is cut short without an error). Nothing else can be in it, so it is
 * never a shell word with a meaning of its own.
 */
public record Hostname(String value) implements Comparable<Hostname> {

    /** {@code __NEW_UTS_LEN}: the nodename field of {@code struct new_utsname} is 65 bytes with its NUL. */
    public static final int MAX_BYTES = 64;
    /** RFC 1035's label length, which RFC 1123 keeps. */
    public static final int MAX_LABEL = 63;

    public Hostname {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static Hostname of(String value) {
        return new Hostname(value);
    }

    /** Why {@code name} cannot be a hostname, or null. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a hostname cannot be empty";
        }
        String bad = "hostname \"" + name + "\" is not valid: ";
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return bad + "it is " + bytes + " bytes; the kernel allows at most " + MAX_BYTES;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && c != '-' && c != '.') {
                return bad + describe(c) + " is not allowed (letters, digits, '-', and '.' between labels)";
            }
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return bad + "it has an empty label (a leading, trailing or doubled '.')";
            }
            if (label.length() > MAX_LABEL) {
                return bad + "label \"" + label + "\" is " + label.length() + " characters; at most " + MAX_LABEL;
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return bad + "label \"" + label + "\" " + (label.charAt(0) == '-' ? "starts" : "ends") + " with '-'";
            }
        }
        return null;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        return Character.isISOControl(c) || Character.isWhitespace(c) || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    @Override
    public int compareTo(Hostname o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
