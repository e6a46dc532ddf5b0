package io.nslab.fidelity;

import io.nslab.model.Lab;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;

/**
 * A lab as the shell script that builds it by hand: the planner's ops, each as its {@code ip}/{@code sysctl}
 * command, in the order both worlds apply them. Meant to be run inside {@code nslab sandbox} or
 * {@code unshare --net --mount}, never on a host's own namespace directory.
 */
public final class LabScript {
    private LabScript() {
    }

    public static String write(Lab lab) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n# lab ").append(lab.name()).append(", as the ops both worlds applied\n");
        for (Op op : LabPlanner.plan(lab)) {
            sb.append(op.command()).append('\n');
        }
        return sb.toString();
    }
}
