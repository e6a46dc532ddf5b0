package io.nslab.script;

import io.nslab.model.NamespaceRef;
import java.util.List;
import java.util.Optional;

/**
 * One command of a script being run: its words after expansion, the namespace it runs in
 * ({@link ScriptWorld#ROOT} unless inside {@code ip netns exec} or {@code ip -n}), and where it writes.
 *
 * @param shellPrefix what bash puts before its own errors: {@code seed.sh: line 12: }
 */
record Invocation(ScriptWorld world, Output io, NamespaceRef netns, List<String> argv, Optional<String> redirect,
                  String shellPrefix) {

    Invocation in(NamespaceRef otherNetns, List<String> otherArgv) {
        return new Invocation(world, io, otherNetns, otherArgv, Optional.empty(), shellPrefix);
    }

    void out(String text) {
        io.out(text);
    }

    void err(String text) {
        io.err(text);
    }

    /** argv[i], or null past the end. */
    String arg(int i) {
        return i < argv.size() ? argv.get(i) : null;
    }
}
