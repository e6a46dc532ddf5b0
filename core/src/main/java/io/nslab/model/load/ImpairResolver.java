package io.nslab.model.load;

import io.nslab.model.Endpoint;
import io.nslab.model.Impairment;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a link's {@code impair:} into what is done to the packets leaving each of its two ends. {@code both}
 * applies to both ends; an end's own entry ({@code node:ifname}) adds to it and wins where both set the same thing.
 * Every problem is reported at the value (or the key) that causes it.
 */
final class ImpairResolver {
    private static final Pattern RATE = Pattern.compile("([0-9]{1,12})(bit|kbit|mbit|gbit)");
    private static final Pattern LOSS = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,2})?)%");
    private static final Pattern TIME = Pattern.compile("([0-9]{1,7})(us|ms|s)");

    private ImpairResolver() {
    }

    /** The impairments of {@code a}'s and {@code b}'s egress, in that order (NONE where nothing is said). */
    static Impairment[] resolve(List<RawImpair> entries, Endpoint a, Endpoint b, Problems problems) {
        Settings both = Settings.EMPTY;
        Settings sa = Settings.EMPTY;
        Settings sb = Settings.EMPTY;
        for (RawImpair r : entries) {
            String side = r.side().value();
            Settings s = settings(r, problems);
            if (side.equals("both")) {
                both = s;
            } else if (side.equals(a.label())) {
                sa = s;
            } else if (side.equals(b.label())) {
                sb = s;
            } else {
                problems.add(r.side().position(), "impair \"" + side + "\" is not an end of this link; write one of "
                        + a.label() + ", " + b.label() + " (what leaves that end) or both");
            }
        }
        return new Impairment[] {impairment(both.under(sa), a, problems), impairment(both.under(sb), b, problems)};
    }

    /** The settings of one entry, each parsed (null where absent or wrong). */
    private record Settings(Located<Long> rate, Located<Integer> loss, Located<Duration> delay, Located<Duration> jitter) {
        static final Settings EMPTY = new Settings(null, null, null, null);

        /** These settings with {@code own}'s where it has them. */
        Settings under(Settings own) {
            return new Settings(own.rate != null ? own.rate : rate, own.loss != null ? own.loss : loss,
                    own.delay != null ? own.delay : delay, own.jitter != null ? own.jitter : jitter);
        }
    }

    private static Settings settings(RawImpair r, Problems problems) {
        return new Settings(rate(r.rate(), problems), loss(r.loss(), problems), time(r.delay(), "delay", problems),
                time(r.jitter(), "jitter", problems));
    }

    private static Impairment impairment(Settings s, Endpoint end, Problems problems) {
        if (s.rate != null && s.delay != null) {
            problems.add(s.delay.position(), "impair: rate and delay on " + end.label() + " are both the end's root qdisc "
                    + "(tbf or netem); give one of them");
            return Impairment.NONE;
        }
        if (s.jitter != null && s.delay == null) {
            problems.add(s.jitter.position(), "impair: jitter on " + end.label() + " needs a delay");
            return Impairment.NONE;
        }
        return new Impairment(s.rate == null ? OptionalLong.empty() : OptionalLong.of(s.rate.value()),
                s.loss == null ? 0 : s.loss.value(), Optional.ofNullable(s.delay).map(Located::value),
                Optional.ofNullable(s.jitter).map(Located::value));
    }

    private static Located<Long> rate(Located<String> text, Problems problems) {
        if (text == null) {
            return null;
        }
        Matcher m = RATE.matcher(text.value().toLowerCase(Locale.ROOT));
        long bits = !m.matches() ? 0 : Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 1L;
        };
        if (bits < 8 || bits / 8 >= 1L << 32) {
            problems.add(text.position(), "impair: rate \"" + text.value() + "\" must be written as tc does (8mbit, 500kbit, "
                    + "1gbit), between 8bit and 34gbit");
            return null;
        }
        return new Located<>(bits, text.position());
    }

    private static Located<Integer> loss(Located<String> text, Problems problems) {
        if (text == null) {
            return null;
        }
        Matcher m = LOSS.matcher(text.value());
        double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (p < 0 || p > 100) {
            problems.add(text.position(), "impair: loss \"" + text.value() + "\" must be a percentage from 0% to 100%, to a "
                    + "hundredth (5%, 0.25%)");
            return null;
        }
        return new Located<>((int) Math.round(p * 100), text.position());
    }

    private static Located<Duration> time(Located<String> text, String what, Problems problems) {
        if (text == null) {
            return null;
        }
        Matcher m = TIME.matcher(text.value());
        if (!m.matches()) {
            problems.add(text.position(), "impair: " + what + " \"" + text.value() + "\" must be a time such as 100ms, 1s or 500us");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "us" -> Duration.ofNanos(n * 1_000);
            case "ms" -> Duration.ofMillis(n);
            default -> Duration.ofSeconds(n);
        };
        return new Located<>(d, text.position());
    }
}
