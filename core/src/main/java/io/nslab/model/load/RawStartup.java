package io.nslab.model.load;

import io.nslab.model.Service;
import io.nslab.model.Startup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node's {@code exec:} and {@code services:} as written. */
record RawStartup(List<Located<String>> exec, List<RawService> services) {
    static final RawStartup NONE = new RawStartup(List.of(), List.of());

    /** A service as written: its name (the key) and its command, null when missing. */
    record RawService(Located<String> name, Position at, Located<String> command) {
    }

    /** What it means, every problem reported at its position; null when there was one. */
    Startup resolve(String node, Problems problems) {
        int before = problems.size();
        for (Located<String> e : exec) {
            if (e.value().isBlank()) {
                problems.add(e.position(), "node \"" + node + "\": an exec command is empty");
            }
        }
        Map<String, Service> byName = new LinkedHashMap<>();
        for (RawService s : services) {
            String problem = Service.problem(s.name().value());
            if (problem != null) {
                problems.add(s.name().position(), "node \"" + node + "\": " + problem);
            } else if (s.command() == null) {
                problems.add(s.at(), "node \"" + node + "\": service " + s.name().value()
                        + " needs a command (services: {NAME: \"command\"} or {NAME: {command: \"...\"}})");
            } else if (s.command().value().isBlank()) {
                problems.add(s.command().position(), "node \"" + node + "\": service " + s.name().value() + ": empty command");
            } else {
                byName.put(s.name().value(), new Service(s.name().value(), s.command().value()));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Startup(exec.stream().map(Located::value).toList(), byName);
    }
}
