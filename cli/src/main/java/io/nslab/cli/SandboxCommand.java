package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nslab sandbox -- CMD}: a throwaway network world, made as {@link io.nslab.script.Sandbox}
 * describes; whatever the command creates, its "root" namespace included, is gone when it exits.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run a command in a throwaway network world: a new network and mount namespace with private "
                + "/run/netns and /run/nslab. Its root namespace starts like a fresh host's (lo up, forwarding off). "
                + "Without a command, opens a shell. Needs root.")
final class SandboxCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        KernelOptions.requirePrivilege("sandbox");
        List<String> argv = io.nslab.script.Sandbox.argv(command.isEmpty()
                ? List.of(System.getenv().getOrDefault("SHELL", "/bin/sh")) : command);
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab sandbox: cannot run unshare (util-linux): " + e.getMessage());
        }
    }
}
