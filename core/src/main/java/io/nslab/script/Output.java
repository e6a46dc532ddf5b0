package io.nslab.script;

import java.util.List;

/** Where a tool call writes: stdout and stderr, and, for {@code ip netns exec}, a command its caller must run. */
public interface Output {
    void out(String text);

    void err(String text);

    /**
     * Hands a command back to the caller's shell, which runs it with the tools bound to {@code namespaces}:
     * to the first, or, when {@code each} (ip -all netns exec), to each in turn with iproute2's header.
     */
    default void handOff(List<String> command, List<String> namespaces, boolean each) {
        err("nslab script: " + String.join(" ", command) + ": cannot run a program here\n");
    }

    /** Both streams into one, in the order written, as {@code bash FILE 2>&1} shows them. */
    static Output merged(StringBuilder sb) {
        return new Output() {
            public void out(String text) {
                sb.append(text);
            }

            public void err(String text) {
                sb.append(text);
            }
        };
    }
}
