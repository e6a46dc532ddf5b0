package io.nslab.agreement;

import io.nslab.kernel.KernelNetwork;
import io.nslab.state.LinkKind;
import io.nslab.state.OperState;
import io.nslab.state.Snapshot;

import java.util.List;

/**
 * The kernel's state once its link watcher has caught up. Right after a link comes up the kernel shows
 * LOWER_UP before the watcher sets RUNNING and the operational state (ip prints NO-CARRIER and LOWER_UP
 * together for a moment), and a connected route keeps its {@code linkdown} flag until then; compare once
 * that has passed. The simulator shows the state it settles in.
 */
final class SettledSnapshot {
    private SettledSnapshot() {
    }

    static Snapshot of(KernelNetwork kernel, List<? extends io.nslab.model.NamespaceRef> names) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Snapshot s = kernel.snapshot(names);
            boolean settled = s.namespaces().stream().flatMap(n -> n.links().stream())
                    .allMatch(l -> !l.adminUp() || !l.carrier() || l.kind() == LinkKind.LOOPBACK
                            || l.operState() == OperState.UP);
            if (settled || System.nanoTime() > deadline) {
                Thread.sleep(50);
                return kernel.snapshot(names);
            }
            Thread.sleep(10);
        }
    }
}
