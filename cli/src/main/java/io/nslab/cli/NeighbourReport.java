package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.HostNeighbourLimits;
import io.nslab.model.Lab;
import io.nslab.op.NeighbourBudget;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The neighbour budget of a lab against this host's limits, as validate, plan, up --sim and check
 * --all-pairs report it. Over the hard limit is an environment error (exit 3): the lab file is valid, but
 * this host's shared neighbour table cannot hold its dynamic entries (a host with higher limits could).
 */
final class NeighbourReport {
    private NeighbourReport() {
    }

    static NeighbourBudget.Verdict verdict(Lab lab, Path procSys) {
        return new HostNeighbourLimits(procSys).verdict(lab.name(), NeighbourBudget.of(lab));
    }

    /**
     * For validate: what this host's limits say of a valid lab, worded apart from the file's verdict (the file is
     * fine; the host is not): {@code lab.yaml: this host: nslab up would refuse it here: ...}. False when over.
     */
    static boolean reportHost(String file, Lab lab, Path procSys, PrintWriter err) {
        NeighbourBudget.Verdict v = verdict(lab, procSys);
        switch (v) {
            case NeighbourBudget.Verdict.Fits ignored -> {
                return true;
            }
            case NeighbourBudget.Verdict.Warning w -> {
                err.println(file + ": this host: " + w.message());
                err.flush();
                return true;
            }
            case NeighbourBudget.Verdict.Over o -> {
                err.println(file + ": this host: nslab up would refuse the lab here (the file is valid): "
                        + o.message().replace("Nothing was created.", "").strip());
                err.flush();
                return false;
            }
        }
    }

    /** Prints a warning, and an error when {@code enforce} is false; throws (exit 3) when it is true and the lab is over. */
    static boolean report(Lab lab, Path procSys, String command, boolean enforce, PrintWriter err) {
        NeighbourBudget.Verdict v = verdict(lab, procSys);
        switch (v) {
            case NeighbourBudget.Verdict.Fits ignored -> {
                return true;
            }
            case NeighbourBudget.Verdict.Warning w -> {
                err.println("warning: " + w.message());
                err.flush();
                return true;
            }
            case NeighbourBudget.Verdict.Over o -> {
                if (enforce) {
                    throw new NslabException(ExitCode.ENVIRONMENT, "nslab " + command + " " + lab.name() + ": " + o.message());
                }
                err.println("error: nslab up would refuse this lab on this host: " + o.message().replace("Nothing was created.", "").strip());
                err.flush();
                return false;
            }
        }
    }
}
