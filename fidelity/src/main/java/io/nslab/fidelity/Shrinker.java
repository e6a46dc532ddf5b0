package io.nslab.fidelity;

import net.jqwik.api.Shrinkable;

import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Greedy shrinking over jqwik's shrink tree: take the first smaller candidate that still fails, and again
 * from there, until none does or the time is up. jqwik shrinks a property's arguments itself; this one serves
 * runs that draw labs outside of a property (several labs at once, {@code bench/fidelity.sh}).
 */
public final class Shrinker {
    private Shrinker() {
    }

    public static <T> T shrink(Shrinkable<T> failing, Predicate<T> fails, long budgetMillis) {
        long deadline = System.currentTimeMillis() + budgetMillis;
        Shrinkable<T> current = failing;
        boolean smaller = true;
        while (smaller && System.currentTimeMillis() < deadline) {
            smaller = false;
            Iterator<Shrinkable<T>> candidates = current.shrink().iterator();
            while (candidates.hasNext() && System.currentTimeMillis() < deadline) {
                Shrinkable<T> c = candidates.next();
                if (c.distance().compareTo(current.distance()) < 0 && fails.test(c.value())) {
                    current = c;
                    smaller = true;
                    break;
                }
            }
        }
        return current.value();
    }
}
