package io.nslab.model;

import java.util.regex.Pattern;

/**
 * A node's name in a lab. It also names the node's network namespace (after the lab's
 * prefix), a file under {@code /run/netns}, so it is kept to letters, digits, '-', '_'
 * and '.', starting with a letter or digit, at most 63 characters: never a path.
 */
public record NodeName(String value) implements Comparable<NodeName> {

    /** The longest name. */
    public static final int MAX_LENGTH = 63;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public NodeName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static NodeName of(String value) {
        return new NodeName(value);
    }

    /** Why {@code name} cannot be a node name, or null. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a node name cannot be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "node name \"" + name + "\" is " + name.length() + " characters; at most " + MAX_LENGTH;
        }
        if (!VALID.matcher(name).matches()) {
            return "node name \"" + name + "\" cannot be a namespace name: use letters, digits, '-', '_' and '.', starting with a letter or digit";
        }
        return null;
    }

    @Override
    public int compareTo(NodeName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
