package io.nslab.deploy;

/**
 * One step of an edit sequence: a change to the lab file, followed by {@code up}, or something another program does
 * to the namespace names meanwhile. Each names its target by an index into what exists then (taken modulo), so any
 * list of edits is a valid sequence and shrinks to a smaller valid one.
 */
sealed interface Edit {
    /** Adds the pool's node {@code pool} if the lab lacks it. */
    record AddNode(int pool) implements Edit {
    }

    record RemoveNode(int pick) implements Edit {
    }

    /** Renames a node to the pool's name {@code pool}, keeping its links. */
    record RenameNode(int pick, int pool) implements Edit {
    }

    record AddLink(int pickA, int pickB) implements Edit {
    }

    record RemoveLink(int pick) implements Edit {
    }

    /** Changes a link's MTU (1500 to 1400 or back): the link is deleted and made again. */
    record ChangeMtu(int pick) implements Edit {
    }

    record ToggleForwarding(int pick) implements Edit {
    }

    /** Adds or removes a node's static route (through its first link). */
    record ToggleRoute(int pick) implements Edit {
    }

    record ToggleLoopbackAddress(int pick) implements Edit {
    }

    /** Another program takes the namespace name of the pool's node {@code pool}, if nothing has it. */
    record StrangerTakes(int pool) implements Edit {
    }

    /** Another program deletes one of its namespaces. */
    record StrangerLeaves(int pick) implements Edit {
    }
}
