package io.nslab.explain;

import io.nslab.model.IfName;

import java.util.Optional;

/**
 * One node a packet passed: where it came in, where it went out, the route that decided it (as
 * {@code ip route} prints it) and the decision in words.
 */
public record Hop(String node, Optional<IfName> in, Optional<IfName> out, Optional<String> route, String decision) {
}
