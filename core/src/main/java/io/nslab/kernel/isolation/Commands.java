package io.nslab.kernel.isolation;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs util-linux tools (mount, umount, unshare, nsenter). Namespaces other than the network
 * namespace can only be entered by a single-threaded process, which a JVM never is, and
 * util-linux does exactly that job, so nslab uses it here instead of a helper of its own.
 */
final class Commands {
    private Commands() {
    }

    /** Runs a command to its end; throws with its output when it fails. */
    static void run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NslabException(ExitCode.ENVIRONMENT, String.join(" ", argv) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new NslabException(ExitCode.ENVIRONMENT, String.join(" ", argv) + ": " + (out.isEmpty() ? "exit " + p.exitValue() : out));
            }
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "cannot run " + argv.getFirst() + " (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.ENVIRONMENT, "interrupted");
        }
    }
}
