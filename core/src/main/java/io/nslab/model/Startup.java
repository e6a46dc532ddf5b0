package io.nslab.model;

import java.util.List;
import java.util.Map;

/**
 * What runs in a node once {@code up} has made it: commands run once, in order, each to its end ({@code exec:}),
 * then long-running services ({@code services:}). The simulator runs neither.
 *
 * @param exec     shell commands ({@code /bin/sh -c}), run when the node is made or the list changes
 * @param services by name, in file order
 */
public record Startup(List<String> exec, Map<String, Service> services) {
    public static final Startup NONE = new Startup(List.of(), Map.of());

    public Startup {
        exec = List.copyOf(exec);
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }

    public boolean isEmpty() {
        return exec.isEmpty() && services.isEmpty();
    }
}
