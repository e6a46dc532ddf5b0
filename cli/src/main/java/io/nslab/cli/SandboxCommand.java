package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab sandbox -- CMD}: a throwaway network world. util-linux {@code unshare} makes the
 * new network and mount namespaces, because both must be entered by a single-threaded process
 * (a JVM is not one); inside, {@code /run/netns} and {@code /run/nslab} are fresh tmpfs mounts, so
 * whatever the command creates, its "root" namespace included, is gone when it exits.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run a command in a throwaway network world: a new network and mount namespace with private "
                + "/run/netns and /run/nslab. Its root namespace starts like a fresh host's (lo up, forwarding off). "
                + "Without a command, opens a shell. Needs root.")
final class SandboxCommand implements Callable<Integer> {

    /** Runs inside the new namespaces; "$@" is the user's command. */
    static final String INIT = String.join("\n",
            "set -e",
            "mkdir -p /run/netns /run/nslab",
            "mount -t tmpfs -o mode=0755 nslab-sandbox /run/netns",
            "mount -t tmpfs -o mode=0755 nslab-sandbox /run/nslab",
            "umount -l /sys 2>/dev/null || true",
            "mount -t sysfs nslab-sandbox /sys", // /sys/class/net shows the sandbox's links, as ip netns exec does
            "if command -v ip >/dev/null; then ip link set lo up; else echo 'nslab sandbox: ip not found; lo stays down' >&2; fi",
            "set +e",
            "exec \"$@\"");

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        KernelOptions.requirePrivilege("sandbox");
        List<String> argv = new ArrayList<>(List.of("unshare", "--net", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", INIT, "nslab-sandbox"));
        if (command.isEmpty()) {
            argv.add(System.getenv().getOrDefault("SHELL", "/bin/sh"));
        } else {
            argv.addAll(command);
        }
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab sandbox: cannot run unshare (util-linux): " + e.getMessage());
        }
    }
}
