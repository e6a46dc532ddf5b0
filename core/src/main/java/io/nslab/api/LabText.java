package io.nslab.api;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.NodeName;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lab text under a name of its own. Labs started from one JVM, or from parallel JVMs, may come from the same file
 * with the same node names (even {@code netns-prefix: ""}): each gets a lab name with a random suffix, and its
 * namespaces that name and a dash as prefix, so that nothing of one lab can collide with another's.
 */
final class LabText {
    private LabText() {
    }

    /** A fresh name for a lab called {@code base}: {@code base-xxxxxx}, within the 63 characters a lab name may have. */
    static String uniqueName(String base) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36 - 1), 36);
        suffix = "0".repeat(6 - suffix.length()) + suffix;
        String head = base.length() > NodeName.MAX_LENGTH - 7 ? base.substring(0, NodeName.MAX_LENGTH - 7) : base;
        return head + "-" + suffix;
    }

    /**
     * {@code text} (already validated under its own label, so that problems name the user's lines) with its
     * {@code name} and {@code netns-prefix} replaced. Comments do not survive; the meaning does.
     */
    static String renamed(String text, String name) {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new NslabException(ExitCode.BAD_INPUT, "a lab is a YAML mapping");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("netns-prefix", name + "-");
        map.forEach((k, v) -> {
            if (!"name".equals(k) && !"netns-prefix".equals(k)) {
                out.put(k, v);
            }
        });
        return dump(out);
    }

    /** Block-style YAML of plain maps, lists and scalars. */
    static String dump(Object document) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(document);
    }
}
