package io.nslab.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The interactive shell of {@code exec} and {@code sandbox}, with a prompt that says where it runs:
 * {@code (nslab seed:ns1) root@host:~#}. bash reads the user's ~/.bashrc first (which usually sets PS1) and the
 * mark goes in front of its prompt, as a Python virtualenv's does; other shells get PS1 from the environment.
 */
final class Shells {
    private Shells() {
    }

    /** The user's shell ($SHELL, else /bin/sh). */
    static String user() {
        String shell = System.getenv("SHELL");
        return shell == null || shell.isBlank() ? "/bin/sh" : shell;
    }

    /** The argv of {@code shell}, interactive, its prompt marked with {@code (nslab WHERE) }. */
    static List<String> interactive(String shell, String where) {
        String mark = "(nslab " + where + ") ";
        String name = Path.of(shell).getFileName() == null ? shell : Path.of(shell).getFileName().toString();
        if (name.equals("bash")) {
            // where is made of lab and node names (letters, digits, '.', '-', '_') and words: safe in single quotes
            String rc = "[ -f ~/.bashrc ] && . ~/.bashrc\nPS1='" + mark + "'\"$PS1\"\n";
            return List.of(shell, "-c", "exec \"$0\" --rcfile <(printf '%s' \"$1\") -i", shell, rc);
        }
        return List.of("env", "PS1=" + mark + "# ", shell, "-i");
    }
}
