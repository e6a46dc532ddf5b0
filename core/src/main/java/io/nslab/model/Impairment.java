package io.nslab.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a lab file's {@code impair:} does to the packets that leave one link end (that direction only): a rate limit
 * (tbf), a random loss (nf_tables numgen, in hundredths of a percent) and a delay with jitter (netem, on kernels that
 * have sch_netem). A rate and a delay are both the end's root qdisc, so an end has at most one of them.
 *
 * @param rate       bits per second, if limited
 * @param lossHundredths loss in hundredths of a percent, 0 to 10000; 0 is none
 * @param delay      netem delay, if any
 * @param jitter     give or take, with a delay only
 */
public record Impairment(OptionalLong rate, int lossHundredths, Optional<Duration> delay, Optional<Duration> jitter) {
    public static final Impairment NONE = new Impairment(OptionalLong.empty(), 0, Optional.empty(), Optional.empty());

    public Impairment {
        if (lossHundredths < 0 || lossHundredths > 10_000) {
            throw new IllegalArgumentException("loss " + lossHundredths + " hundredths of a percent");
        }
        if (rate.isPresent() && delay.isPresent()) {
            throw new IllegalArgumentException("a rate and a delay are both the end's root qdisc");
        }
        if (jitter.isPresent() && delay.isEmpty()) {
            throw new IllegalArgumentException("a jitter needs a delay");
        }
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Whether it is a qdisc (a rate or a delay); loss alone is a firewall rule. */
    public boolean hasQdisc() {
        return rate.isPresent() || delay.isPresent();
    }

    /** "rate 8mbit, loss 30%, delay 100ms ± 10ms", as a lab file writes it. */
    public String text() {
        List<String> parts = new ArrayList<>();
        rate.ifPresent(r -> parts.add("rate " + rateText(r)));
        if (lossHundredths > 0) {
            parts.add("loss " + percentText(lossHundredths));
        }
        delay.ifPresent(d -> parts.add("delay " + d.toMillis() + "ms" + jitter.map(j -> " ± " + j.toMillis() + "ms").orElse("")));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** tc's words: 8mbit, 500kbit, 1gbit, 300bit. */
    public static String rateText(long bits) {
        if (bits % 1_000_000_000L == 0) {
            return bits / 1_000_000_000L + "gbit";
        }
        if (bits % 1_000_000L == 0) {
            return bits / 1_000_000L + "mbit";
        }
        return bits % 1_000L == 0 ? bits / 1_000L + "kbit" : bits + "bit";
    }

    /** 30%, 0.5%, 12.25%. */
    public static String percentText(int hundredths) {
        return (hundredths % 100 == 0 ? Integer.toString(hundredths / 100)
                : java.math.BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString()) + "%";
    }
}
