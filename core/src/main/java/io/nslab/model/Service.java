package io.nslab.model;

import java.util.regex.Pattern;

/**
 * A long-running process of a node: started by {@code up} after the node is made, in the node's namespaces, in a
 * session of its own; stopped by {@code down}, by its process group. It stays in the foreground (as systemd's
 * {@code Type=simple}): a program that forks away from its process group escapes the stop.
 *
 * @param name    unique within its node; names its log and record files
 * @param command run by {@code /bin/sh -c}
 */
public record Service(String name, String command) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

    public Service {
        if (problem(name) != null) {
            throw new IllegalArgumentException(problem(name));
        }
        if (command.isBlank()) {
            throw new IllegalArgumentException("service " + name + ": empty command");
        }
    }

    /** Why {@code name} cannot name a service, or null. */
    public static String problem(String name) {
        return NAME.matcher(name).matches() ? null
                : "service name \"" + name + "\" must be 1 to 32 of a-z, 0-9, '_', '.', '-', starting with a letter or digit";
    }
}
