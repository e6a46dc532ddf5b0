package io.nslab.api;

/**
 * One of a lab's checks, judged: the check as the lab file writes it, whether it held, and what ping saw.
 *
 * @param check  the check, as {@code ping: FROM -> TARGET expect: ...}
 * @param passed whether the expectation held
 * @param seen   what was seen, in ping's words
 */
public record CheckResult(String check, boolean passed, String seen) {
}
