package io.nslab.probe;

import java.util.Optional;

/** The transports {@code nslab probe} and port checks speak. */
public enum PortProtocol {
    TCP("tcp"),
    UDP("udp");

    private final String word;

    PortProtocol(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<PortProtocol> ofWord(String word) {
        for (PortProtocol p : values()) {
            if (p.word.equals(word)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
