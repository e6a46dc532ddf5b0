package io.nslab.model.load;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of an input instead of stopping at the first. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(Position at, String message) {
        list.add(new Problem(at, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The problems in file order. */
    public List<Problem> sorted() {
        return list.stream().sorted().toList();
    }
}
