package io.nslab.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code -o table|json|yaml}: how a command prints data for people or programs. */
enum OutputFormat {
    table, json, yaml;

    /** JSON or YAML text of plain maps, lists and scalars. */
    String write(Object tree) {
        return switch (this) {
            case json -> {
                try {
                    yield JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(tree) + "\n";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case yaml -> new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(tree);
            case table -> throw new IllegalStateException("a table is rendered by its command");
        };
    }
}
