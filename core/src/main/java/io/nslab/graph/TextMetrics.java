package io.nslab.graph;

/**
 * How much room text takes in the picture. The SVG draws every label in a monospace font, so the layout can
 * reserve exact room without a font renderer: a glyph is 0.6 em wide in DejaVu Sans Mono, Liberation Mono and
 * Courier alike (the fonts a browser falls back to for {@code monospace}).
 */
final class TextMetrics {
    private TextMetrics() {
    }

    static final double LABEL_SIZE = 11;
    static final double NAME_SIZE = 14;
    static final double LINE = 15;

    static double width(String text, double fontSize) {
        return text.length() * fontSize * 0.6;
    }
}
