package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.Privilege;
import io.nslab.netlink.NamedNamespaces;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the commands that work on the kernel: where namespaces and records live (tests move both). */
final class KernelOptions {
    @Option(names = "--netns-dir", hidden = true, description = "Directory of named namespaces (default /run/netns).")
    Path netnsDir = io.nslab.rootless.RootlessLaunch.inside().map(io.nslab.rootless.RootlessHome::netnsDir)
            .orElse(NamedNamespaces.DEFAULT_DIRECTORY);

    @Option(names = "--state-dir", hidden = true, description = "Directory of nslab's records (default /run/nslab).")
    Path stateDir = io.nslab.rootless.RootlessLaunch.inside().map(io.nslab.rootless.RootlessHome::stateDir)
            .orElse(StateStore.DEFAULT_ROOT);

    @Option(names = "--proc-sys", hidden = true, description = "Where the host's sysctls are read (and, with --tune-host, "
            + "written); tests point it at a fake directory (default /proc/sys).")
    Path procSys = io.nslab.deploy.HostNeighbourLimits.PROC_SYS;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for another nslab command that is changing "
            + "the same lab (default: ${DEFAULT-VALUE}); nslab says it is waiting after 2 s, and gives up with exit 3.")
    int waitSeconds = 60;

    KernelNetwork network() {
        return new KernelNetwork(NamedNamespaces.at(netnsDir));
    }

    StateStore store() {
        return new StateStore(stateDir);
    }

    Deployer deployer(KernelNetwork network, Interruption interruption) {
        return new Deployer(store(), new io.nslab.deploy.KernelTarget(network), interruption)
                .hostLimits(new io.nslab.deploy.HostNeighbourLimits(procSys))
                .lockWait(java.time.Duration.ofSeconds(Math.max(0, waitSeconds)), System.err::println);
    }

    /** Exits 3 with what is missing, for a command that has no simulator to fall back on. */
    static void requirePrivilege(String command) {
        String missing = Privilege.missing();
        if (missing != null) {
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab " + command + ": " + missing + ".\nRun it as root: `sudo ./nslab "
                    + command + " ...`");
        }
    }

    /**
     * Exits 3 with what is missing and the same command on the simulator, which needs no privilege ({@code retry}:
     * the user's command; {@code needsFile}: the simulator needs the lab file, so -l LAB.yaml is added if no lab was named).
     */
    static void requirePrivilege(String command, Retry retry, boolean needsFile) {
        String missing = Privilege.missing();
        if (missing != null) {
            Retry sim = needsFile && !retry.has("-l", "--lab") ? retry.withOptions("--sim", "-l", "LAB.yaml") : retry.withOptions("--sim");
            // a LAB argument that names a running lab stays: with --sim it means the lab as last applied
            throw new NslabException(ExitCode.ENVIRONMENT, "nslab " + command + ": " + missing + ".\nRun it as root (`sudo ./nslab "
                    + command + " ...`), or on the simulator, which needs no privilege: " + sim);
        }
    }
}
