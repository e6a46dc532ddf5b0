package io.nslab.deploy;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.List;

/**
 * An {@code up} that did not finish: refused before any change, or stopped by a failure or a signal and rolled
 * back. The message is built from what was actually applied and undone, and names what could not be undone.
 */
public final class UpFailure extends NslabException {
    private final List<String> hostNotes;

    private UpFailure(ExitCode code, String message, Throwable cause, List<String> hostNotes) {
        super(code, message, cause);
        this.hostNotes = List.copyOf(hostNotes);
    }

    /** What the run said about the host before it stopped (warnings, limits raised and restored). */
    public List<String> hostNotes() {
        return hostNotes;
    }

    /** A plan refused by {@link Preflight}: every reason, nothing changed. */
    static UpFailure refused(Lab lab, List<Refusal> refusals, List<String> hostNotes) {
        ExitCode code = refusals.stream().anyMatch(r -> r.code() == ExitCode.BAD_INPUT) ? ExitCode.BAD_INPUT : ExitCode.ENVIRONMENT;
        StringBuilder msg = new StringBuilder("nslab up " + lab.name() + ": ");
        if (refusals.size() == 1) {
            msg.append(refusals.getFirst().text());
        } else {
            msg.append(refusals.size()).append(" problems:");
            refusals.forEach(r -> msg.append("\n  ").append(r.text()));
        }
        msg.append("\nnothing was changed");
        return new UpFailure(code, msg.toString(), null, hostNotes);
    }

    /** A run stopped by {@code cause}, after the rollback that left {@code undoFailures}. */
    static UpFailure rolledBack(Lab lab, RuntimeException cause, Rollback rollback, List<String> undoFailures, List<String> hostNotes) {
        String where = "";
        String what = cause.getMessage();
        ExitCode code = cause instanceof NslabException n ? n.exitCode() : ExitCode.INTERNAL;
        if (cause instanceof OpException o) {
            where = lab.nodeOf(o.op().netns()).map(n -> "node \"" + n + "\": ").orElse(o.op().netns() instanceof NamespaceRef.Named
                    ? "namespace " + o.op().netns() + ": " : "");
            what = o.op().command() + ": " + o.kernelMessage();
        }
        StringBuilder msg = new StringBuilder("nslab up " + lab.name() + ": " + where + what);
        int undone = rollback.size() - rollback.irreversible().size();
        msg.append("\nrolled back ").append(undone).append(undone == 1 ? " change" : " changes");
        List<Op> lost = rollback.irreversible();
        if (lost.isEmpty() && undoFailures.isEmpty()) {
            msg.append("; nothing of this run is left");
        } else {
            msg.append("; could not undo:");
            for (Op op : lost) {
                msg.append("\n  ").append(op.command()).append(op instanceof Op.DeleteNamespace
                        ? " (a deleted namespace cannot be made again as it was; `nslab up` with the old file rebuilds it)"
                        : " (a deleted link cannot be made again as it was; `nslab up` with the old file rebuilds it)");
            }
            // the same failure many times (a full state directory, every release line) is said once, counted
            java.util.Map<String, Integer> counted = new java.util.LinkedHashMap<>();
            undoFailures.forEach(f -> counted.merge(f, 1, Integer::sum));
            counted.forEach((f, n) -> msg.append("\n  ").append(f).append(n > 1 ? " (" + n + " times)" : ""));
        }
        return new UpFailure(code, msg.toString(), cause, hostNotes);
    }
}
