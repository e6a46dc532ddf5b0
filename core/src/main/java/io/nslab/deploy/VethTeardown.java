package io.nslab.deploy;

import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;

import java.util.Collection;

/**
 * The kernel destroys a deleted namespace's devices asynchronously, 9-42 ms after its last reference goes, and with
 * each veth its peer in another namespace; making a link of the peer's name before that fails with File exists.
 */
final class VethTeardown {
    private VethTeardown() {
    }

    /** Waits (at most 10 s in all: on a loaded machine the kernel can take seconds) until the veth ends that {@code gone}'s links had in other namespaces of {@code lab} are gone. */
    static void await(DeployTarget target, Lab lab, Collection<? extends NamespaceRef> gone) {
        if (gone.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (var l : lab.links()) {
            NamespaceRef a = lab.netnsOf(l.a().node());
            NamespaceRef b = lab.netnsOf(l.b().node());
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            if (gone.contains(a) && !gone.contains(b)) {
                target.awaitLinkGone(b, l.b().ifname(), left);
            } else if (gone.contains(b) && !gone.contains(a)) {
                target.awaitLinkGone(a, l.a().ifname(), left);
            }
        }
    }
}
