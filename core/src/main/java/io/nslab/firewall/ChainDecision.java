package io.nslab.firewall;

/** How a base chain ends for a packet. */
public sealed interface ChainDecision {

    /** Accepted (by a rule or the policy): the packet goes on to the next chain at the hook. */
    record Accept() implements ChainDecision {
    }

    record Drop(RuleRef by) implements ChainDecision {
    }

    /** Dropped, and the sender told so with an ICMP error or a TCP reset. */
    record Reject(RuleRef by, Verdict.Reject how) implements ChainDecision {
    }

    /** A NAT statement matched (in a nat chain): the packet is accepted and its connection translated. */
    record Nat(RuleRef by, Verdict nat) implements ChainDecision {
    }
}
