package io.nslab.model;

import java.nio.charset.StandardCharsets;

/** A network interface name, valid for the kernel: 1..15 bytes, no '/', ':', '%' or white space, not "." or "..". */
public record IfName(String value) implements Comparable<IfName> {

    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_BYTES = 15;

    public IfName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static IfName of(String value) {
        return new IfName(value);
    }

    // Written out rather than the record's generated pair (the same values): see IpPrefix's.
    @Override
    public boolean equals(Object o) {
        return o instanceof IfName n && n.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Why the kernel would refuse {@code name} (as dev_valid_name() does), or null if it is fine. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an interface name cannot be empty";
        }
        int bytes = ascii(name) ? name.length() : name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "interface name \"" + name + "\" is " + bytes + " bytes; the kernel allows at most " + MAX_BYTES;
        }
        if (name.equals(".") || name.equals("..")) {
            return "interface name \"" + name + "\" is not allowed";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > ' ' && c < 0x7f && c != '/' && c != ':' && c != '%') {
                continue; // printable ASCII, as nearly every name is: no calls while the code is interpreted
            }
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "interface name \"" + name + "\" contains " + printable(c) + ", which the kernel refuses";
            }
            if (c == '%') {
                return "interface name \"" + name + "\" contains '%', which the kernel treats as a name template";
            }
        }
        return null;
    }

    /** Whether each char is one byte in UTF-8; a loop, not an encoded copy: every name a tool is given comes here. */
    private static boolean ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String printable(char c) {
        if (c == ' ') {
            return "a space";
        }
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    @Override
    public int compareTo(IfName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
