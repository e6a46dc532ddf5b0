package io.nslab.cli;

import java.util.function.Supplier;

/**
 * SIGINT as iputils ping takes it: not the end of the process but of the probe, whose statistics are then printed.
 * While {@code work} runs, SIGINT interrupts the thread that runs it (a kernel ping waiting for answers returns what
 * came so far); afterwards SIGINT is again the JVM's, which exits, or ignored when this process was started so.
 */
final class Interrupts {
    private Interrupts() {
    }

    static <T> T onSigint(Supplier<T> work) {
        Thread worker = Thread.currentThread();
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        boolean inheritedIgnored = InheritedSigint.take(); // iputils' ping takes SIGINT whatever it inherited
        sun.misc.SignalHandler before = sun.misc.Signal.handle(sigint, s -> worker.interrupt());
        try {
            return work.get();
        } finally {
            sun.misc.Signal.handle(sigint, before);
            if (inheritedIgnored) {
                InheritedSigint.giveBack();
            }
            Thread.interrupted(); // a SIGINT that ended the work is spent: closing sockets must not see it
        }
    }
}
