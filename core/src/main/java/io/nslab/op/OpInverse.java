package io.nslab.op;

import java.util.Optional;

/** The op that undoes another, where there is one: what rollback applies, and what an edited lab undoes. */
public final class OpInverse {
    private OpInverse() {
    }

    public static Optional<Op> of(Op op) {
        return switch (op) {
            case Op.AddNamespace a -> Optional.of(new Op.DeleteNamespace(a.netns()));
            case Op.AddVeth v -> Optional.of(new Op.DeleteLink(v.netns(), v.name()));
            case Op.AddBridge b -> Optional.of(new Op.DeleteLink(b.netns(), b.name()));
            case Op.SetMaster m -> m.master().isPresent() ? Optional.of(new Op.SetMaster(m.netns(), m.name(), Optional.empty()))
                    : Optional.empty();
            case Op.SetLinkState s -> Optional.of(new Op.SetLinkState(s.netns(), s.name(), !s.up()));
            case Op.AddAddress a -> Optional.of(new Op.DeleteAddress(a.netns(), a.dev(), a.address()));
            case Op.DeleteAddress a -> Optional.of(new Op.AddAddress(a.netns(), a.dev(), a.address()));
            case Op.AddRoute r -> Optional.of(new Op.DeleteRoute(r.netns(), r.route()));
            case Op.DeleteRoute r -> Optional.of(new Op.AddRoute(r.netns(), r.route()));
            case Op.SetMtu ignored -> Optional.empty();
            case Op.SetMac ignored -> Optional.empty();
            case Op.RenameLink r -> Optional.of(new Op.RenameLink(r.netns(), r.newName(), r.name()));
            case Op.MoveLink ignored -> Optional.empty();
            case Op.ReplaceRoute ignored -> Optional.empty(); // it re-applies a route that was there before
            case Op.DeleteNamespace ignored -> Optional.empty();
            case Op.DeleteLink ignored -> Optional.empty();
            case Op.SetSysctl ignored -> Optional.empty(); // handled with the value read before
            case Op.AddNeighbour ignored -> Optional.empty(); // goes with its link or namespace
            case Op.SetTable t -> Optional.of(new Op.DeleteTable(t.netns(), t.table().family(), t.table().name()));
            case Op.DeleteTable ignored -> Optional.empty(); // Rollback puts back the table the lab had
        };
    }
}
