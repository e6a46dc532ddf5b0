package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.fault.Faults;
import io.nslab.fault.Loss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code nslab impair LAB NODE:IF --rate 8mbit | --delay 100ms | --loss 5% | --clear}: shape what leaves one link end. */
@Command(name = "impair", mixinStandardHelpOptions = true,
        description = "Shape what leaves one end of a running lab's link (that direction only; impair the peer's end too "
                + "for both): a rate limit (tbf), or a delay with jitter (netem, where the kernel has sch_netem; "
                + "otherwise exit 3 with the kernel's reason), and/or a random loss (nf_tables numgen in the peer's node, "
                + "no netem needed), or --clear to take all of it off. Needs root.")
final class ImpairCommand implements Callable<Integer> {
    private static final Pattern RATE = Pattern.compile("([0-9]+)(bit|kbit|mbit|gbit)?");
    private static final Pattern LOSS = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,2})?)%?");

    @Parameters(index = "0", paramLabel = "LAB", description = "A running lab's name or its file.")
    String labArgument;

    @Parameters(index = "1", paramLabel = "NODE:IF", description = "The link end whose egress is shaped (ns1:v1).")
    String end;

    @Option(names = "--rate", paramLabel = "RATE", description = "At most RATE on average, as tc writes it: 8mbit, 500kbit, 1gbit, or bit/s.")
    String rate;

    @Option(names = "--delay", paramLabel = "MS", description = "Delay every packet by MS milliseconds (netem).")
    Integer delayMillis;

    @Option(names = "--jitter", paramLabel = "MS", description = "With --delay: give or take MS milliseconds.")
    int jitterMillis;

    @Option(names = "--loss", paramLabel = "P%", description = "Drop P percent (to a hundredth: 0.5%%) of the packets at "
            + "random; 0%% takes the loss off. Goes with --rate or --delay.")
    String loss;

    @Option(names = "--clear", description = "Take the end's rate limit, delay and loss off.")
    boolean clear;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (clear ? rate != null || delayMillis != null || loss != null : rate == null && delayMillis == null && loss == null) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab impair: give --rate, --delay or --loss (--loss goes with "
                    + "either), or --clear alone");
        }
        if (rate != null && delayMillis != null) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab impair: --rate and --delay are both the end's root qdisc; "
                    + "give one of them");
        }
        long bits = rate == null ? 0 : bitsPerSecond(rate);
        Double percent = loss == null ? null : percent(loss);
        return FaultRun.run("impair", labArgument, kernel, spec, (network, lab) -> {
            List<String> done = new ArrayList<>();
            if (clear) {
                Faults.clearQdisc(network, lab, end);
                Loss.set(network, lab, end, 0);
                return ": what leaves " + end + " is no longer impaired";
            }
            if (rate != null) {
                Faults.rate(network, lab, end, bits, (int) Math.max(32 * 1024, Math.min(Integer.MAX_VALUE, bits / 8 / 50)),
                        Duration.ofMillis(50));
                done.add("limited to " + rate + " (tbf)");
            } else if (delayMillis != null) {
                Faults.delay(network, lab, end, Duration.ofMillis(delayMillis), Duration.ofMillis(jitterMillis));
                done.add("delayed " + delayMillis + " ms" + (jitterMillis > 0 ? " ± " + jitterMillis + " ms" : "") + " (netem)");
            }
            if (percent != null) {
                Loss.set(network, lab, end, percent);
                done.add(percent == 0 ? "no longer lost" : "lost at random " + loss.replace("%", "") + "% of the time (nftables numgen)");
            }
            return ": what leaves " + end + " is " + String.join(", and ", done);
        });
    }

    /** "5%", "5", "0.25%": a percentage from 0 to 100, to a hundredth; exit 2 otherwise. */
    static double percent(String text) {
        Matcher m = LOSS.matcher(text);
        double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (p < 0 || p > 100) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab impair: --loss " + text + ": a percentage from 0% to 100%, "
                    + "to a hundredth (5%, 0.25%)");
        }
        return p;
    }

    static long bitsPerSecond(String text) {
        Matcher m = RATE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab impair: --rate " + text + ": write it as tc does: 8mbit, 500kbit, 1gbit");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "bit" : m.group(2);
        return n * switch (unit) {
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 1L;
        };
    }
}
