package io.nslab.op;

import io.nslab.model.NamespaceRef;

/**
 * What a world tells the caller while it applies a phase of a plan: each new namespace's identity before its name
 * is bound (a durable record written there always knows which namespace it made), and each op once it took effect.
 * Called from several threads at once; {@link #namespaceMade} may throw to stop that namespace from being bound.
 */
public interface PhaseListener {

    /** Hears nothing and never stops: for single ops, and for undoing (a rollback must finish even after a signal). */
    PhaseListener NONE = new PhaseListener() {
        @Override
        public void namespaceMade(NamespaceRef.Named netns, long inode) {
        }

        @Override
        public void applied(Op op) {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    };

    /** A new namespace exists, with this inode, and is about to be bound under its name. */
    void namespaceMade(NamespaceRef.Named netns, long inode);

    /** An op took effect. */
    void applied(Op op);

    /** Whether to stop before the next op (a signal arrived); ops not tried are simply not applied. */
    boolean stopRequested();
}
