package io.nslab.model.load;

import java.util.Random;

/** Lab texts for fuzzers outside this package (the CLI's): a structured random lab, broken in one place or not. */
public final class FuzzLabs {
    private FuzzLabs() {
    }

    public static String broken(Random r) {
        return YamlTree.render(LabBreaker.breakSome(RandomLabs.lab(r), r));
    }

    /** A hostile string: a name that escapes a directory or is too long, a number past its type, a bad address. */
    public static String hostileValue(Random r) {
        return HostileValues.any(r);
    }

    public static String unbroken(Random r) {
        return YamlTree.render(RandomLabs.lab(r));
    }

    /** A valid lab (mostly) without checks, for deploying on the kernel. */
    public static String deployable(Random r) {
        return YamlTree.render(RandomLabs.lab(r, false));
    }
}
