package io.nslab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notes that say the same of many namespaces, said once: resuming a 150-node lab whose first {@code up} was killed
 * printed 150 lines "namespace h1: made by an up that was interrupted; removed", one per namespace. Without
 * {@code -v} such notes become one line with the first name and a count; with it, every line as it came.
 */
final class NoteSummary {
    /** "namespace NAME: rest" or "namespace NAME rest", as the deploy engine words a namespace's note. */
    private static final Pattern NAMESPACE_NOTE = Pattern.compile("namespace (\\S+?)(:? )(.*)", Pattern.DOTALL);

    private NoteSummary() {
    }

    static List<String> lines(List<String> notes, boolean verbose) {
        if (verbose) {
            return notes;
        }
        // key: the note without its name; value: the names, in order
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String note : notes) {
            Matcher m = NAMESPACE_NOTE.matcher(note);
            if (m.matches()) {
                groups.computeIfAbsent(m.group(2) + "\0" + m.group(3), k -> new ArrayList<>()).add(m.group(1));
            } else {
                groups.computeIfAbsent(note, k -> new ArrayList<>()).add(null);
            }
        }
        List<String> out = new ArrayList<>();
        groups.forEach((key, names) -> {
            if (names.getFirst() == null) {
                names.forEach(n -> out.add(key));
                return;
            }
            String[] parts = key.split("\0", 2);
            String who = names.size() == 1 ? names.getFirst() : names.getFirst() + " and " + (names.size() - 1) + " more";
            out.add("namespace " + who + parts[0] + parts[1] + (names.size() == 1 ? "" : " (-v names them)"));
        });
        return out;
    }
}
