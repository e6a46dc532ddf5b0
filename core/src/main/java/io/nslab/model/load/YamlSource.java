package io.nslab.model.load;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Optional;

/**
 * Turns YAML text into a node tree that keeps every node's position. We compose rather
 * than construct so that every later message can point at a line and column.
 */
final class YamlSource {
    /** Lab files are small; this bounds what a hostile or broken file can make us read. */
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private YamlSource() {
    }

    static Optional<Node> compose(String file, String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setUseMarks(true)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(100)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            return new Compose(settings).composeString(text);
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
