package io.nslab.script;

import io.nslab.model.NamespaceRef;

import java.util.List;

/**
 * One tool call of a script: its argv, the namespace it runs in ({@link ScriptWorld#ROOT} unless inside
 * {@code ip netns exec} or {@code ip -n}), where it writes, and the run's settings.
 */
record Invocation(ScriptWorld world, Output io, NamespaceRef netns, List<String> argv, ToolContext context) {

    Invocation in(NamespaceRef otherNetns, List<String> otherArgv) {
        return new Invocation(world, io, otherNetns, otherArgv, context);
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
