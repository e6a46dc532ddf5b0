package io.nslab.firewall;

import java.util.Optional;

/**
 * A base chain's priority: lower runs first at a hook. nft names the standard values (raw -300, mangle -150,
 * dstnat -100, filter 0, security 50, srcnat 100) and prints a value within 10 of a standard one as
 * {@code filter + 10}; dstnat is a name only at prerouting and srcnat only at postrouting, as nft prints them.
 */
public final class Priority {
    private Priority() {
    }

    private record Standard(String name, int value) {
    }

    private static final Standard[] STANDARD = {new Standard("raw", -300), new Standard("mangle", -150),
            new Standard("dstnat", -100), new Standard("filter", 0), new Standard("security", 50), new Standard("srcnat", 100)};

    /** The priority nslab gives a chain of this type at this hook when the lab names none. */
    public static int standard(ChainType type, Hook hook) {
        return switch (type) {
            case FILTER -> 0;
            case NAT -> switch (hook) {
                case PREROUTING, OUTPUT -> -100;
                case INPUT, POSTROUTING -> 100;
                case FORWARD -> 0;
            };
        };
    }

    /** As {@code nft list ruleset} prints it: {@code filter}, {@code srcnat}, {@code dstnat + 10}, {@code -11}. */
    public static String text(int priority, Hook hook) {
        for (Standard s : STANDARD) {
            if (!valid(s, hook)) {
                continue;
            }
            int offset = priority - s.value();
            if (offset == 0) {
                return s.name();
            }
            if (Math.abs(offset) <= 10) {
                return s.name() + (offset > 0 ? " + " : " - ") + Math.abs(offset);
            }
        }
        return Integer.toString(priority);
    }

    /** A number, a standard name, or {@code NAME + N} / {@code NAME - N}; empty when it is none of them. */
    public static Optional<Integer> parse(String text, Hook hook) {
        String t = text.strip();
        if (t.matches("[+-]?[0-9]{1,9}")) {
            return Optional.of(Integer.parseInt(t));
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z]+)\\s*(?:([+-])\\s*([0-9]{1,9}))?").matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (Standard s : STANDARD) {
            if (s.name().equals(m.group(1)) && valid(s, hook)) {
                int off = m.group(2) == null ? 0 : Integer.parseInt(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
                return Optional.of(s.value() + off);
            }
        }
        return Optional.empty();
    }

    private static boolean valid(Standard s, Hook hook) {
        return switch (s.name()) {
            case "dstnat" -> hook == Hook.PREROUTING;
            case "srcnat" -> hook == Hook.POSTROUTING;
            default -> true;
        };
    }
}
