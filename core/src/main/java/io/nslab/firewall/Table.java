package io.nslab.firewall;

import java.util.List;
import java.util.Optional;

/** A table: chains of one family under one name ({@code table inet filter}). */
public record Table(TableFamily family, String name, List<Chain> chains) {

    public Table {
        chains = List.copyOf(chains);
    }

    public Optional<Chain> chain(String chain) {
        return chains.stream().filter(c -> c.name().equals(chain)).findFirst();
    }

    /** {@code inet filter}: how explanations name the table. */
    public String label() {
        return family.word() + " " + name;
    }
}
