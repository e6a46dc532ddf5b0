package io.nslab.netlink;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of an {@link NftTransaction}: the kernel's answer to each message, and its answer to the batch as a
 * whole when it refused it before or after looking at the messages (no privilege, no nf_tables, a failed commit).
 * The kernel applies a transaction whole or not at all, so it was committed only if every answer is an ACK.
 *
 * @param results    one per message, in order; a refused message carries the kernel's errno and words
 * @param batchError the kernel's refusal of the batch itself, if any
 */
public record NftTransactionResult(List<BatchResult> results, Optional<NetlinkException> batchError) {
    public NftTransactionResult {
        results = List.copyOf(results);
    }

    /** True when the kernel applied every message. */
    public boolean committed() {
        return batchError.isEmpty() && results.stream().allMatch(BatchResult::ok);
    }

    /** The refused messages, each with its index in the transaction, its {@code nft} command and the error. */
    public List<BatchResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    @Override
    public String toString() {
        if (committed()) {
            return "committed " + results.size() + " messages";
        }
        List<BatchResult> failed = failures();
        return "nf_tables transaction aborted, nothing applied"
                + batchError.map(e -> ": " + e.getMessage()).orElse("")
                + (failed.isEmpty() ? "" : ": " + failed.size() + " of " + results.size() + " messages refused:\n  "
                        + failed.stream().map(BatchResult::toString).collect(Collectors.joining("\n  ")));
    }
}
