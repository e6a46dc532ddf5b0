package io.nslab.model.load;

import java.util.List;
import java.util.Set;

/**
 * Reads a route in the words of {@code ip route add}:
 * {@code [blackhole|unreachable|prohibit] (default|PREFIX) [via ADDR] [dev IF] [metric N] [src ADDR] [onlink]}.
 */
final class RouteLine {
    static final Set<String> TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit");
    private static final Set<String> KEYWORDS = Set.of("via", "dev", "metric", "src", "onlink");

    private RouteLine() {
    }

    static RawRoute parse(Located<String> line, Problems problems) {
        List<Located<String>> w = Words.split(line);
        if (w.isEmpty()) {
            problems.add(line.position(), "empty route");
            return null;
        }
        int i = 0;
        Located<String> type = null;
        if (TYPES.contains(w.get(0).value())) {
            type = w.get(i++);
        }
        if (i >= w.size()) {
            problems.add(line.position(), "route \"" + line.value() + "\" has no destination");
            return null;
        }
        Located<String> to = w.get(i++);
        Located<String> via = null;
        Located<String> dev = null;
        Located<String> src = null;
        Located<Integer> metric = null;
        Located<Boolean> onlink = null;
        while (i < w.size()) {
            Located<String> word = w.get(i++);
            if (word.value().equals("onlink")) {
                onlink = new Located<>(true, word.position());
                continue;
            }
            if (!KEYWORDS.contains(word.value())) {
                problems.add(word.position(), "unexpected \"" + word.value() + "\" in route; expected one of via, dev, metric, src, onlink"
                        + Suggestions.hint(word.value(), KEYWORDS));
                return null;
            }
            if (i >= w.size()) {
                problems.add(word.position(), "\"" + word.value() + "\" needs a value");
                return null;
            }
            Located<String> value = w.get(i++);
            switch (word.value()) {
                case "via" -> via = value;
                case "dev" -> dev = value;
                case "src" -> src = value;
                case "metric" -> metric = YamlMap.parseInteger(value, "metric", 0, 0xffffffffL, problems);
                default -> throw new IllegalStateException(word.value());
            }
        }
        return new RawRoute(line.position(), type, to, via, dev, metric, src, onlink);
    }
}
