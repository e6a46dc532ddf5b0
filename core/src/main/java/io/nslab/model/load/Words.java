package io.nslab.model.load;

import java.util.ArrayList;
import java.util.List;

/** Splits a one-line value into words, each with its own column, so errors point inside the line. */
final class Words {
    private Words() {
    }

    static List<Located<String>> split(Located<String> line) {
        List<Located<String>> out = new ArrayList<>();
        String s = line.value();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(new Located<>(s.substring(start, i), line.position().plus(start)));
            }
        }
        return out;
    }
}
