package io.nslab.netlink.nft;

import java.util.EnumSet;
import java.util.Set;

/** Connection tracking states as {@code ct state} matches them: bits of the state the kernel loads. */
public enum CtState {
    INVALID(1),
    ESTABLISHED(2),
    RELATED(4),
    NEW(8),
    UNTRACKED(64);

    private final int bit;

    CtState(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int mask(Set<CtState> states) {
        int mask = 0;
        for (CtState s : states) {
            mask |= s.bit;
        }
        return mask;
    }

    public static Set<CtState> of(int mask) {
        EnumSet<CtState> set = EnumSet.noneOf(CtState.class);
        for (CtState s : values()) {
            if ((mask & s.bit) != 0) {
                set.add(s);
            }
        }
        return set;
    }
}
