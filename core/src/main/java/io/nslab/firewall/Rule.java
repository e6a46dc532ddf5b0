package io.nslab.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rule: conditions that must all hold, an optional counter, and an optional verdict (a rule with none only
 * counts, and the packet goes on to the next rule).
 */
public record Rule(List<Match> matches, boolean counter, Optional<Verdict> verdict) {

    public Rule {
        matches = List.copyOf(matches);
    }

    public static Rule of(Verdict verdict, Match... matches) {
        return new Rule(List.of(matches), false, Optional.of(verdict));
    }

    /**
     * The protocols the rule's own conditions imply (a port match implies tcp or udp, an ICMP type icmp, a
     * TCP reset tcp): nft adds these tests itself. Empty when the rule implies none; two different ones
     * mean the rule can never match.
     */
    public List<L4Proto> impliedProtocols() {
        List<L4Proto> out = new ArrayList<>();
        for (Match m : matches) {
            switch (m) {
                case Match.Port p -> out.add(p.protocol());
                case Match.Icmp i -> out.add(i.protocol());
                case Match.Protocol p -> out.add(p.protocol());
                case Match.Interface i -> {
                }
                case Match.Address a -> {
                }
                case Match.CtState c -> {
                }
            }
        }
        if (verdict.orElse(null) instanceof Verdict.Reject r && r.isTcpReset()) {
            out.add(L4Proto.TCP);
        }
        return out;
    }

    /** As {@code nft list ruleset} prints it, with these counter values. */
    public String text(TableFamily family, long packets, long bytes) {
        List<String> parts = new ArrayList<>();
        boolean tcpReset = verdict.orElse(null) instanceof Verdict.Reject rej && rej.isTcpReset();
        boolean saysTcp = matches.stream().anyMatch(m -> m instanceof Match.Protocol q && q.protocol() == L4Proto.TCP
                || m instanceof Match.Port p && p.protocol() == L4Proto.TCP);
        if (family == TableFamily.INET && tcpReset && !saysTcp) {
            parts.add("meta l4proto tcp"); // the test nft puts at the rule's head for a tcp reset, listed in inet tables
        }
        List<L4Proto> implied = new ArrayList<>();
        for (Match m : matches) {
            if (m instanceof Match.Port p) {
                implied.add(p.protocol());
            } else if (m instanceof Match.Icmp i) {
                implied.add(i.protocol());
            }
        }
        for (Match m : matches) {
            // nft prints no meta l4proto test that a later port or type match implies (it would add it itself)
            if (m instanceof Match.Protocol p && p.impliedIn(family) && implied.contains(p.protocol())) {
                continue;
            }
            parts.add(m.text(family));
        }
        if (counter) {
            parts.add("counter packets " + packets + " bytes " + bytes);
        }
        verdict.ifPresent(v -> parts.add(v.text(family)));
        return String.join(" ", parts);
    }

    /** As nft prints it with zero counters: the rule's text in a lab file or an explanation. */
    public String text(TableFamily family) {
        String t = text(family, 0, 0);
        return counter ? t.replace("counter packets 0 bytes 0", "counter") : t;
    }
}
