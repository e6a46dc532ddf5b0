package io.nslab.script;

import io.nslab.ExitCode;
import io.nslab.NslabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway network world for a real command: util-linux {@code unshare} makes new network and mount
 * namespaces (both must be entered by a single-threaded process, which a JVM is not); inside,
 * {@code /run/netns} and {@code /run/nslab} are fresh tmpfs mounts and lo is up, so the command's root
 * namespace starts like a fresh host's and everything it creates is gone when it exits.
 */
public final class Sandbox {
    /** Runs inside the new namespaces; "$@" is the user's command. */
    public static final String INIT = String.join("\n",
            "set -e",
            "mkdir -p /run/netns /run/nslab",
            "mount -t tmpfs -o mode=0755 nslab-sandbox /run/netns",
            "mount -t tmpfs -o mode=0755 nslab-sandbox /run/nslab",
            "umount -l /sys 2>/dev/null || true",
            "mount -t sysfs nslab-sandbox /sys", // /sys/class/net shows the sandbox's links, as ip netns exec does
            "if command -v ip >/dev/null; then ip link set lo up; else echo 'nslab sandbox: ip not found; lo stays down' >&2; fi",
            "set +e",
            "exec \"$@\"");

    /** What a command printed (stdout and stderr interleaved) and its exit status. */
    public record Result(String output, int status) {
    }

    private Sandbox() {
    }

    /** The argv that runs {@code command} in a sandbox. */
    public static List<String> argv(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("unshare", "--net", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", INIT, "nslab-sandbox"));
        argv.addAll(command);
        return argv;
    }

    /** {@code bash SCRIPT 2>&1} in a sandbox, run from {@code dir} so bash names the script as given. */
    public static Result runScript(Path dir, String script) {
        ProcessBuilder pb = new ProcessBuilder(argv(List.of("bash", script))).directory(dir.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(out, p.waitFor());
        } catch (IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab: cannot run unshare (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NslabException(ExitCode.INTERNAL, "nslab: interrupted while the sandboxed script ran");
        }
    }
}
