package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import io.nslab.fault.Faults;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code nslab impair LAB NODE:IF --rate 8mbit | --delay 100ms | --clear}: shape what leaves one link end. */
@Command(name = "impair", mixinStandardHelpOptions = true,
        description = "Shape what leaves one end of a running lab's link (that direction only; impair the peer's end too "
                + "for both): a rate limit (tbf), or a delay with jitter (netem, where the kernel has sch_netem; "
                + "otherwise exit 3 with the kernel's reason), or --clear to take it off. Needs root.")
final class ImpairCommand implements Callable<Integer> {
    private static final Pattern RATE = Pattern.compile("([0-9]+)(bit|kbit|mbit|gbit)?");

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

    @Option(names = "--clear", description = "Take the end's rate limit or delay off.")
    boolean clear;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int given = (rate != null ? 1 : 0) + (delayMillis != null ? 1 : 0) + (clear ? 1 : 0);
        if (given != 1) {
            throw new NslabException(ExitCode.BAD_INPUT, "nslab impair: give one of --rate, --delay or --clear");
        }
        long bits = rate == null ? 0 : bitsPerSecond(rate);
        KernelOptions.requirePrivilege("impair");
        String name = LabArgument.name(labArgument);
        Lab lab = LabContext.running(name, kernel.store(), false, Retry.of(spec), spec.commandLine().getErr());
        String done;
        try (KernelNetwork network = kernel.network()) {
            if (clear) {
                Faults.clearQdisc(network, lab, end);
                done = "no longer impaired";
            } else if (rate != null) {
                Faults.rate(network, lab, end, bits, (int) Math.max(32 * 1024, Math.min(Integer.MAX_VALUE, bits / 8 / 50)),
                        Duration.ofMillis(50));
                done = "limited to " + rate + " (tbf)";
            } else {
                Faults.delay(network, lab, end, Duration.ofMillis(delayMillis), Duration.ofMillis(jitterMillis));
                done = "delayed " + delayMillis + " ms" + (jitterMillis > 0 ? " ± " + jitterMillis + " ms" : "") + " (netem)";
            }
        }
        spec.commandLine().getOut().println("lab " + name + ": what leaves " + end + " is " + done);
        return 0;
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
