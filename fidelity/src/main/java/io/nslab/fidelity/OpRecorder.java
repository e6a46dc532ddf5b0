package io.nslab.fidelity;

import io.nslab.Network;
import io.nslab.op.Op;
import io.nslab.op.OpException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a plan op by op and carries on past a refusal, so that both worlds go through every op and a
 * refusal on one side only shows up as a difference rather than as a half-built lab.
 */
final class OpRecorder {
    private OpRecorder() {
    }

    /** The refused ops, each as {@code command: the network's words}. */
    static List<String> applyAll(Network net, List<Op> ops) {
        List<String> refusals = new ArrayList<>();
        for (Op op : ops) {
            try {
                net.apply(op);
            } catch (OpException e) {
                refusals.add(op.command() + ": " + e.kernelMessage());
            }
        }
        return refusals;
    }
}
