package io.nslab.firewall;

/** A rule's text that is not a rule: {@code offset} is the character where the problem is. */
public final class RuleSyntaxException extends Exception {
    private final int offset;

    public RuleSyntaxException(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
