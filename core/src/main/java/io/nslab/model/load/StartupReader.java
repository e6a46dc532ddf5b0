package io.nslab.model.load;

import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a node's {@code exec:} (a command or a list of them) and {@code services:} (a mapping of names to services). */
final class StartupReader {
    static final Set<String> SERVICE_KEYS = Set.of("command");

    private final String file;
    private final Problems problems;

    StartupReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    RawStartup read(YamlMap node) {
        List<Located<String>> exec = node.strings("exec");
        List<RawStartup.RawService> services = new ArrayList<>();
        node.node("services").flatMap(n -> YamlMap.of(file, n, "services", problems)).ifPresent(sm -> {
            for (Map.Entry<Located<String>, Node> e : sm.entries()) {
                services.add(service(e.getKey(), e.getValue()));
            }
        });
        return exec.isEmpty() && services.isEmpty() ? RawStartup.NONE : new RawStartup(exec, services);
    }

    /** {@code NAME: "command"}, or {@code NAME: {command: "..."}} (the form that later keys will extend). */
    private RawStartup.RawService service(Located<String> name, Node value) {
        Position at = YamlSource.position(file, value);
        if (value instanceof ScalarNode s) {
            boolean missing = s.getValue().isEmpty() && s.isPlain(); // "NAME:" alone: said at the name
            return new RawStartup.RawService(name, missing ? name.position() : at, missing ? null : new Located<>(s.getValue(), at));
        }
        return YamlMap.of(file, value, "service \"" + name.value() + "\"", problems).map(m -> {
            m.allowOnly("service \"" + name.value() + "\"", SERVICE_KEYS);
            return new RawStartup.RawService(name, m.position(), m.string("command"));
        }).orElseGet(() -> new RawStartup.RawService(name, at, new Located<>("-", at))); // reported already
    }
}
