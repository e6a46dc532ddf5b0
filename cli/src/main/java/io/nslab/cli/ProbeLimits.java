package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.model.IpAddress;

import java.time.Duration;

/**
 * The ranges of ping's and trace's numbers, checked before a request is made: iputils' and traceroute's
 * own ranges, and a packet budget for the simulator, which works out every packet. Outside them the
 * command exits 2 naming the option and the value, instead of overflowing a Duration (exit 4) or
 * computing two billion echo requests.
 */
final class ProbeLimits {
    /** The most echo requests of one ping: a day of one-second pings is 86,400. */
    static final int MAX_COUNT = 100_000;
    /** The longest wait or interval, in seconds. */
    static final double MAX_SECONDS = 3600;

    private ProbeLimits() {
    }

    static int whole(String command, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw refusal(command, option, String.valueOf(value), min + ".." + max);
        }
        return value;
    }

    static Duration seconds(String command, String option, double value) {
        if (!(value >= 0 && value <= MAX_SECONDS)) {
            throw refusal(command, option, String.valueOf(value), "0.." + (long) MAX_SECONDS + " seconds");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    static IpAddress address(String command, String option, String value) {
        try {
            return IpAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": " + option + " \""
                    + io.nslab.MessageText.oneLine(value) + "\" is not an address: " + e.getMessage());
        }
    }

    private static NslabException refusal(String command, String option, String value, String range) {
        return new NslabException(ExitCode.BAD_INPUT, "nslab " + command + ": " + option + " " + value + " is out of range " + range);
    }
}
