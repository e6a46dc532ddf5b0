package io.nslab.cli;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SIGINT ignored from birth ({@code nohup cmd &} from a script, {@code trap '' INT}): a JVM started so registers no
 * handler for it, so that Ctrl-C or kill -INT did nothing to {@code nslab ping}. iputils ping installs its handler
 * whatever it inherited, and stops with its statistics; {@link #take()} lets nslab's ping do the same.
 */
final class InheritedSigint {
    private static final int SIGINT = 2;
    private static final MemorySegment SIG_DFL = MemorySegment.NULL;
    private static final MemorySegment SIG_IGN = MemorySegment.ofAddress(1);

    private InheritedSigint() {
    }

    /** Whether this process ignores SIGINT now (SigIgn of /proc/self/status, bit 1 for signal 2). */
    static boolean ignored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (SIGINT - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: as if not ignored, the JVM's usual case
        }
        return false;
    }

    /** Makes an ignored SIGINT default again, so that the JVM takes handlers for it; true when it was ignored. */
    static boolean take() {
        if (!ignored()) {
            return false;
        }
        signal(SIG_DFL);
        return true;
    }

    /** Ignores SIGINT again, as it was inherited. */
    static void giveBack() {
        signal(SIG_IGN);
    }

    private static void signal(MemorySegment disposition) {
        try {
            MemorySegment unused = (MemorySegment) Holder.SIGNAL.invokeExact(SIGINT, disposition);
        } catch (Throwable t) {
            throw new IllegalStateException("signal(SIGINT) failed", t);
        }
    }

    /** Linked on first use: most commands never need it. */
    private static final class Holder {
        static final MethodHandle SIGNAL;

        static {
            Linker linker = Linker.nativeLinker();
            SIGNAL = linker.downcallHandle(linker.defaultLookup().find("signal").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        }
    }
}
