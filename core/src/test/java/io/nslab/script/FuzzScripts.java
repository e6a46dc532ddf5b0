package io.nslab.script;

import java.util.Random;

/** Script texts for fuzzers outside this package (the CLI's). */
public final class FuzzScripts {
    private FuzzScripts() {
    }

    public static String random(Random r) {
        return RandomScripts.script(r);
    }
}
