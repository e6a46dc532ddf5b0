package io.nslab.rootless;

/** The launcher's own signal handling: it leaves Ctrl-C to the command it runs. */
final class Signals {
    private Signals() {
    }

    @SuppressWarnings("removal")
    static void ignoreInterrupts() {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
        });
    }
}
