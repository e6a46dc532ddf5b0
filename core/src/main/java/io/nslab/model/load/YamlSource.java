package io.nslab.model.load;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.Optional;

/**
 * Turns YAML text into a node tree that keeps every node's position. We compose rather
 * than construct so that every later message can point at a line and column.
 */
final class YamlSource {
    /** Lab files are small; this bounds what a hostile or broken file can make us read. */
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** A lab nests five or six levels; far deeper is an attack on the composer's stack, refused at its position. */
    static final int MAX_DEPTH = 64;
    /** Scalars, collection starts and ends: a lab of ten thousand nodes has some hundred thousand, and reading half a million takes about a second. */
    static final int MAX_EVENTS = 500_000;
    /** Aliases of lists and mappings, counted over the file: anchors are a convenience in a lab, not a compression scheme. */
    static final int MAX_ALIASES = 100;

    private YamlSource() {
    }

    static Optional<Node> compose(String file, String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                // the reader's window is the whole text: with the default 1 KiB window a long plain scalar is
                // scanned in quadratic time (400,000 characters took 1.4 s, 10 MB minutes)
                .setBufferSize(Math.min(text.length(), MAX_CODE_POINTS) + 1)
                .build();
        try {
            var parser = new BoundedParser(new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH, MAX_EVENTS);
            return new Composer(settings, parser).getSingleNode();
        } catch (BoundedParser.Refusal e) {
            problems.add(e.at().map(m -> position(file, m)).orElse(new Position(file, 1, 1)), "YAML: " + e.getMessage());
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark).map(m -> position(file, m)).orElse(new Position(file, 1, 1));
            String what = e.getProblem() != null ? e.getProblem() : e.getContext();
            problems.add(at, "YAML syntax: " + (what == null ? "cannot parse" : what));
        } catch (YamlEngineException e) {
            problems.add(new Position(file, 1, 1), "YAML: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            problems.add(new Position(file, 1, 1), "YAML: nested too deeply");
        }
        return Optional.empty();
    }

    static Position position(String file, Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    static Position position(String file, Node node) {
        return node.getStartMark().map(m -> position(file, m)).orElse(new Position(file, 1, 1));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot parse";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
