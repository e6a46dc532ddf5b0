package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/**
 * What the fault commands (link, impair, partition, heal) share: privilege, the running lab their LAB argument
 * names, and the lab's lock, held while the fault is made so that it never interleaves with an {@code up} or
 * {@code down} of the same lab (which take the same lock). The lab is read again under the lock: an {@code up} that
 * finished meanwhile may have changed it, a {@code down} removed it (then the command says the lab is not running).
 */
final class FaultRun {
    /** The fault itself, given the kernel and the lab as last applied; returns what to print after "lab NAME". */
    @FunctionalInterface
    interface Fault {
        String make(KernelNetwork network, Lab lab);
    }

    private FaultRun() {
    }

    /** Makes {@code fault} on the running lab {@code labArgument} names; prints "lab NAME" and its words; exit 0. */
    static int run(String command, String labArgument, KernelOptions kernel, CommandSpec spec, Fault fault) {
        KernelOptions.requirePrivilege(command);
        String name = LabArgument.name(labArgument);
        StateStore store = kernel.store();
        var err = spec.commandLine().getErr();
        LabContext.running(name, store, false, Retry.of(spec), err); // not running: say so before making a lock file
        String done;
        try (StateStore.Lock ignored = store.lock(name, Duration.ofSeconds(Math.max(0, kernel.waitSeconds)),
                notice -> err.println(notice))) {
            Lab lab = applied(store, name);
            try (KernelNetwork network = kernel.network()) {
                done = fault.make(network, lab);
            }
        }
        spec.commandLine().getOut().println("lab " + name + done);
        return 0;
    }

    /**
     * The lab as last applied, read under its lock (so without {@link LabStates#warnIfInterrupted}, which would take
     * this command's own lock for another's).
     */
    private static Lab applied(StateStore store, String name) {
        var record = store.lab(name);
        String text = record.appliedLab().orElseThrow(() -> new NslabException(ExitCode.BAD_INPUT, "lab " + name
                + " was taken down while this command waited for it"));
        return LabLoader.parse(record.directory().resolve("lab.yaml").toString(), text);
    }
}
