package io.nslab.firewall;

/** What a base chain does with a packet that no rule decided. */
public enum Policy {
    ACCEPT("accept"),
    DROP("drop");

    private final String word;

    Policy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static java.util.Optional<Policy> of(String word) {
        return switch (word) {
            case "accept" -> java.util.Optional.of(ACCEPT);
            case "drop" -> java.util.Optional.of(DROP);
            default -> java.util.Optional.empty();
        };
    }
}
