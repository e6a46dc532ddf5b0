package io.nslab.cli;

import io.nslab.model.Lab;
import io.nslab.model.NodeName;

import java.util.ArrayList;
import java.util.List;

/**
 * The namespace names {@code up} prints, so that {@code ip netns exec} finds them: with a prefix (the default is the
 * lab's name and a dash) node {@code vm} lives in namespace {@code vm-host-vm}, which nobody guesses.
 */
final class NamespaceNames {
    /** Namespaces named before "and N more". */
    static final int SHOWN = 12;

    private NamespaceNames() {
    }

    /** {@code namespaces (ip netns): ns1, router, ns2} or {@code namespaces (ip netns): vm-host-vm (node vm), ...}. */
    static String line(Lab lab) {
        List<String> names = new ArrayList<>();
        for (NodeName n : lab.nodes().keySet()) {
            if (names.size() == SHOWN) {
                break;
            }
            String netns = lab.namespaceOf(n).name();
            names.add(lab.netnsPrefix().isEmpty() ? netns : netns + " (node " + n + ")");
        }
        int more = lab.nodes().size() - names.size();
        return "namespaces (ip netns): " + String.join(", ", names)
                + (more > 0 ? " and " + more + " more (`nslab status " + lab.name() + "` lists them)" : "");
    }
}
