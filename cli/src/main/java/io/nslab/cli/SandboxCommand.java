package io.nslab.cli;

import io.nslab.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab sandbox -- CMD}: a throwaway world, made as {@link Sandbox} describes; whatever the command
 * creates, its "root" network namespace included, is gone when it exits, and so is every process it started.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a command in a throwaway world that contains it: new user, PID, mount, network, UTS, IPC and "
                + "cgroup namespaces; the host's files read-only, with private /tmp, /var/tmp, /run (empty /run/netns "
                + "and /run/nslab) and /dev/shm; its own /proc and /sys. Root inside has no power over the host. Its "
                + "root network namespace starts like a fresh host's (lo up, forwarding off). Every process it starts "
                + "ends with it. The command and its options come after --: nslab sandbox -- ip -br a. Without a command, opens an "
                + "interactive shell, its prompt marked (nslab sandbox). Root or not: an ordinary user's sandbox is a user "
                + "namespace of the user's own, where root is the user outside.",
            "Exit status: the command's; 3 when the sandbox cannot be made."})
final class SandboxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        String problem = Sandbox.userNamespaceProblem();
        if (problem != null) {
            throw new io.nslab.NslabException(io.nslab.ExitCode.ENVIRONMENT, "nslab sandbox: a sandbox is a user namespace of "
                    + "your own: " + problem);
        }
        List<String> argv = command.isEmpty() ? Shells.interactive(Shells.user(), "sandbox") : command;
        return Sandbox.of(Path.of("").toAbsolutePath(), argv).run();
    }
}
