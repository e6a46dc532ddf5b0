package io.nslab.netlink;

import java.util.List;
import java.util.stream.Collectors;

/** Some requests of a {@link Batch} failed; each failure names its index, its command and the kernel's reason. */
public final class BatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<BatchResult> results;

    BatchException(List<BatchResult> results) {
        super(summary(results));
        this.results = List.copyOf(results);
    }

    /** Every request's outcome, successes included, in batch order. */
    public List<BatchResult> results() {
        return results;
    }

    public List<BatchResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    private static String summary(List<BatchResult> results) {
        List<BatchResult> failed = results.stream().filter(r -> !r.ok()).toList();
        return failed.size() + " of " + results.size() + " requests failed:\n  "
                + failed.stream().map(BatchResult::toString).collect(Collectors.joining("\n  "));
    }
}
