package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.deploy.LabRecord;
import io.nslab.deploy.StateStore;

import java.util.List;
import java.util.Optional;

/**
 * What every command says of a lab that is not simply running: one whose {@code up} is under way in another
 * command, or was interrupted (killed, or the machine's power) before it finished. The record says which
 * ({@link StateStore#busy}, {@link LabRecord#interrupted}); status, check, exec, ping, trace and ns word it alike.
 */
final class LabStates {
    private LabStates() {
    }

    /** The sentence for an interrupted lab, with the two commands that settle it. */
    static String interrupted(String lab) {
        return "a previous `up` of lab " + lab + " was interrupted; `nslab up LAB.yaml` (its file) resumes it, `nslab down "
                + lab + "` removes it";
    }

    /** Why a lab with a record but no lab as applied cannot be worked on: its first up runs now, or was interrupted. */
    static NslabException notYetUp(String lab, StateStore store) {
        Optional<String> busy = store.busy(lab);
        if (busy.isPresent()) {
            return new NslabException(ExitCode.ENVIRONMENT, "lab " + lab + " is being brought up by another nslab command"
                    + busy.get() + "; try again when it has finished");
        }
        return new NslabException(ExitCode.ENVIRONMENT, interrupted(lab));
    }

    /** The state of a lab in a sentence, when it is not simply running; empty when it is. */
    static Optional<String> notice(String lab, StateStore store) {
        Optional<String> busy = store.busy(lab);
        if (busy.isPresent()) {
            return Optional.of("lab " + lab + " is being changed by another nslab command" + busy.get());
        }
        try (LabRecord record = store.lab(lab)) {
            return record.interrupted().isPresent() ? Optional.of(interrupted(lab)) : Optional.empty();
        }
    }

    /** Prints the notice of an interrupted lab on stderr; the command goes on with the lab as last applied. */
    static void warnIfInterrupted(String lab, StateStore store, java.io.PrintWriter err) {
        notice(lab, store).ifPresent(n -> {
            err.println("nslab: note: " + n);
            err.flush();
        });
    }

    /** "; lab x: a previous up ... " for labs that have a record but never finished an up; empty when there are none. */
    static String interruptedNote(StateStore store) {
        List<String> half = store.labs().stream().filter(l -> store.lab(l).appliedLab().isEmpty()).toList();
        return half.isEmpty() ? "" : " (" + String.join("; ", half.stream().map(l -> notYetUp(l, store).getMessage()).toList()) + ")";
    }
}
