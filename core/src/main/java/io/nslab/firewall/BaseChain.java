package io.nslab.firewall;

/** What makes a chain a base chain: the hook it is attached to, its type, priority and policy. */
public record BaseChain(ChainType type, Hook hook, int priority, Policy policy) {

    public BaseChain {
        if (!type.allows(hook)) {
            throw new IllegalArgumentException("a " + type.word() + " chain cannot attach to hook " + hook.word());
        }
    }

    /** {@code type filter hook input priority filter; policy drop;} */
    public String text() {
        return "type " + type.word() + " hook " + hook.word() + " priority " + Priority.text(priority, hook) + "; policy "
                + policy.word() + ";";
    }
}
