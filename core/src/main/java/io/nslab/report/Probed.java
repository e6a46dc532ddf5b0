package io.nslab.report;

import java.util.Optional;

/**
 * One probe of the report, a declared check or a pair of the all-pairs matrix: what was expected and seen, and why.
 *
 * @param mark        the matrix's mark ({@code ok}, {@code !}, {@code x}, {@code .}) or PASS/FAIL for a check
 * @param explanation {@code ping --explain}'s text, when the probe could be explained
 */
public record Probed(String title, String expected, String seen, boolean passed, String mark, Optional<String> explanation,
                     PathMarks marks) {
}
