package io.nslab.model;

/** What a check expects a ping to see. */
public enum Expectation {
    /** An echo reply. */
    REPLY("reply"),
    /** A local error (Network is unreachable, No route to host, ...) or an ICMP destination unreachable. */
    UNREACHABLE("unreachable"),
    /** No answer at all within the timeout. */
    TIMEOUT("timeout"),
    /** ICMP time exceeded from a router on the way. */
    TTL_EXCEEDED("ttl-exceeded");

    private final String word;

    Expectation(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static java.util.Optional<Expectation> ofWord(String word) {
        for (Expectation e : values()) {
            if (e.word.equals(word)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
