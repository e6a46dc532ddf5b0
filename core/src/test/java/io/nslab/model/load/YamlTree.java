package io.nslab.model.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as the fuzzers build it: scalars, lists, mappings whose keys may repeat, and raw text
 * spliced in verbatim. {@link #render} writes block style, quoting a scalar only where a plain one would
 * change its meaning, so the text looks like what people write.
 */
sealed interface YamlTree {
    record Scalar(String value) implements YamlTree {
    }

    record Seq(List<YamlTree> items) implements YamlTree {
    }

    /** Entries in order; a key may appear twice, which is exactly what a fuzzer wants to say. */
    record Mapping(List<Map.Entry<String, YamlTree>> entries) implements YamlTree {
    }

    /** Text written as it is, for what the tree cannot say: anchors, broken syntax. */
    record Raw(String text) implements YamlTree {
    }

    static Scalar s(Object v) {
        return new Scalar(String.valueOf(v));
    }

    static Mapping map(Object... keyValues) {
        List<Map.Entry<String, YamlTree>> entries = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            entries.add(Map.entry((String) keyValues[i], v instanceof YamlTree t ? t : s(v)));
        }
        return new Mapping(entries);
    }

    static String render(YamlTree tree) {
        StringBuilder sb = new StringBuilder();
        block(tree, 0, sb);
        return sb.toString();
    }

    private static void block(YamlTree t, int indent, StringBuilder sb) {
        String pad = " ".repeat(indent);
        switch (t) {
            case Mapping m when m.entries().isEmpty() -> sb.append(pad).append("{}\n");
            case Seq q when q.items().isEmpty() -> sb.append(pad).append("[]\n");
            case Mapping m -> {
                for (Map.Entry<String, YamlTree> e : m.entries()) {
                    sb.append(pad).append(scalar(e.getKey())).append(':');
                    child(e.getValue(), indent, sb);
                }
            }
            case Seq q -> {
                for (YamlTree item : q.items()) {
                    sb.append(pad).append('-');
                    child(item, indent, sb);
                }
            }
            case Scalar s -> sb.append(pad).append(scalar(s.value())).append('\n');
            case Raw r -> sb.append(pad).append(r.text()).append('\n');
        }
    }

    private static void child(YamlTree v, int indent, StringBuilder sb) {
        switch (v) {
            case Scalar s -> sb.append(' ').append(scalar(s.value())).append('\n');
            case Raw r -> sb.append(' ').append(r.text()).append('\n');
            case Mapping m when m.entries().isEmpty() -> sb.append(" {}\n");
            case Seq q when q.items().isEmpty() -> sb.append(" []\n");
            default -> {
                sb.append('\n');
                block(v, indent + 2, sb);
            }
        }
    }

    /** Plain when that reads back as the same string, else double-quoted with escapes. */
    static String scalar(String v) {
        if (v.matches("[A-Za-z0-9_][A-Za-z0-9_./:+-]*") && !v.endsWith(":")) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        v.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0xfeff || c >= 0xd800 && c <= 0xdfff) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
