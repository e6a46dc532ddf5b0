package io.nslab.firewall;

import java.util.Optional;

/** The layer-4 protocols rules match on, with their IP protocol numbers. */
public enum L4Proto {
    ICMP("icmp", 1),
    TCP("tcp", 6),
    UDP("udp", 17),
    ICMPV6("icmpv6", 58);

    private final String word;
    private final int number;

    L4Proto(String word, int number) {
        this.word = word;
        this.number = number;
    }

    public String word() {
        return word;
    }

    public int number() {
        return number;
    }

    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    public static Optional<L4Proto> of(String word) {
        for (L4Proto p : values()) {
            if (p.word.equals(word)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
