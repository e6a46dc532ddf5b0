package io.nslab.netlink;

/** The kernel refused an {@link NftTransaction}, so none of it was applied; the message names each refused message. */
public final class NftTransactionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NftTransactionResult result;

    NftTransactionException(NftTransactionResult result) {
        super(result.toString());
        this.result = result;
    }

    public NftTransactionResult result() {
        return result;
    }
}
