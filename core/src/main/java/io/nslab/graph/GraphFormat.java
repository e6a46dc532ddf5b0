package io.nslab.graph;

import java.util.Locale;
import java.util.Optional;

/** The picture's formats: SVG drawn by nslab, and DOT and Mermaid text for other tools to draw. */
public enum GraphFormat {
    svg(".svg"), dot(".dot"), mermaid(".mmd");

    private final String extension;

    GraphFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format a file name asks for by its extension ({@code .gv} is DOT too, {@code .mermaid} Mermaid). */
    public static Optional<GraphFormat> ofFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".svg")) {
            return Optional.of(svg);
        }
        if (n.endsWith(".dot") || n.endsWith(".gv")) {
            return Optional.of(dot);
        }
        if (n.endsWith(".mmd") || n.endsWith(".mermaid")) {
            return Optional.of(mermaid);
        }
        return Optional.empty();
    }

    /** The lab in this format. */
    public String render(LabGraph graph) {
        return switch (this) {
            case svg -> SvgWriter.write(graph, Layout.of(graph));
            case dot -> DotWriter.write(graph);
            case mermaid -> MermaidWriter.write(graph);
        };
    }
}
