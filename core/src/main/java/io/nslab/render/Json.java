package io.nslab.render;


/** The compact JSON iproute2 prints with {@code -j}: objects keep insertion order, no spaces. */
final class Json {
    private Json() {
    }

    /** Maps (in their order), lists, strings, numbers and booleans as compact JSON, written by jackson-jr. */
    static String write(Object v) {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.asString(v);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
