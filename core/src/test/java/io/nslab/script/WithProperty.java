package io.nslab.script;

import java.util.function.Supplier;

/** A system property set (or cleared, for null) for the length of a body, then put back as it was. */
final class WithProperty {
    private WithProperty() {
    }

    static <T> T with(String name, String value, Supplier<T> body) {
        String before = System.getProperty(name);
        set(name, value);
        try {
            return body.get();
        } finally {
            set(name, before);
        }
    }

    private static void set(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
