package io.nslab.script;

/** Where a script's commands write: stdout and stderr, kept apart or interleaved as the caller wants. */
public interface Output {
    void out(String text);

    void err(String text);

    /** Both streams into one, in the order written, as {@code bash FILE 2>&1} shows them. */
    static Output merged(StringBuilder sb) {
        return new Output() {
            public void out(String text) {
                sb.append(text);
            }

            public void err(String text) {
                sb.append(text);
            }
        };
    }
}
