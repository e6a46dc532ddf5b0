package io.nslab.script;

import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.render.PingText;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * iputils {@code ping [-c N] [-w S] [-W S] [-t TTL] [-i S] [-s SIZE] [-I ADDR|DEV] [-n] [-q] DST}; without {@code -c} or
 * {@code -w}, interrupted as a person would ({@link ToolContext#interruptAfter()}).
 */
final class PingCommand {
    /** The simulator works out every packet (a day of one-second pings is 86,400); more would only fill the heap. */
    static final int MAX_COUNT = 100_000;

    private PingCommand() {
    }

    /** iputils' options that take a value (getopt's "c:F:i:I:l:m:M:N:p:Q:s:S:t:T:w:W:e:"). */
    private static final String WITH_VALUE = "cFiIlmMNpQsStTwWe";
    /** Its options without one that change nothing the simulator shows. */
    private static final String FLAGS = "46aAbBdDfhLnOqrRUvV";

    static int run(Invocation inv) {
        List<String> a = inv.argv();
        Integer count = null;
        Duration deadline = null;
        Duration timeout = Duration.ofSeconds(10);
        Duration interval = Duration.ofSeconds(1);
        OptionalInt ttl = OptionalInt.empty();
        int size = PingRequest.DEFAULT_SIZE;
        Optional<IpAddress> source = Optional.empty();
        Optional<IfName> device = Optional.empty();
        String dst = null;
        boolean timeoutSet = false;
        boolean quiet = false;
        try {
            boolean options = true;
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                if (!options || !w.startsWith("-") || w.length() < 2) {
                    dst = w;
                    continue;
                }
                if (w.equals("--")) {
                    options = false;
                    continue;
                }
                // a cluster, as getopt reads it: -qc3, -nc 2
                for (int j = 1; j < w.length(); j++) {
                    char o = w.charAt(j);
                    if (FLAGS.indexOf(o) >= 0) {
                        quiet |= o == 'q';
                        continue;
                    }
                    if (WITH_VALUE.indexOf(o) < 0) {
                        inv.err("ping: invalid option -- '" + o + "'\n");
                        return 2;
                    }
                    String v = j + 1 < w.length() ? w.substring(j + 1) : a.get(++i);
                    switch (o) {
                        case 'c' -> count = Integer.parseInt(v);
                        case 'w' -> deadline = seconds(v);
                        case 'W' -> {
                            timeout = seconds(v);
                            timeoutSet = true;
                        }
                        case 'i' -> interval = seconds(v);
                        case 't' -> ttl = OptionalInt.of(Integer.parseInt(v));
                        case 's' -> size = Integer.parseInt(v);
                        case 'I' -> {
                            // iputils tries inet_pton, then takes a device name: -I 010.0.0.9 is a device
                            source = AddressSyntax.inetPton(v);
                            if (source.isEmpty()) {
                                device = Optional.of(IfName.of(v));
                            }
                        }
                        default -> {
                            inv.err("nslab script: ping -" + o + " is not simulated\n");
                            return 2;
                        }
                    }
                    break;
                }
            }
        } catch (RuntimeException e) {
            inv.err("ping: invalid argument: '" + String.join(" ", a.subList(1, a.size())) + "'\n");
            return 2;
        }
        if (dst == null) {
            inv.err("ping: usage error: Destination address required\n");
            return 1;
        }
        // Without -c or -w ping would run until interrupted: a person presses Ctrl-C, half a second before the
        // interrupt's whole seconds pass (the kernel's side is interrupted then too), so that both send as many.
        boolean counted = count != null;
        Duration stop = deadline;
        if (stop == null && !counted) {
            stop = inv.context().interruptAfter().minusMillis(500);
        }
        double gap = interval.toNanos() / 1e9;
        if (stop != null) {
            long fits = (long) Math.ceil(stop.toNanos() / 1e9 / gap - 1e-9);
            int byTime = (int) Math.min(Math.max(fits, 1), MAX_COUNT + 1L);
            count = count == null ? byTime : Math.min(count, byTime);
        }
        if (count > MAX_COUNT) {
            inv.err("nslab script: ping -c " + count + ": the simulator sends at most " + MAX_COUNT + " packets per ping\n");
            return 2;
        }
        IpAddress target = resolve(dst).orElse(null);
        if (target == null) {
            inv.err("ping: " + dst + ": Name or service not known\n");
            return 2;
        }
        if (device.isPresent() && IpLinkCommand.find(inv, device.get().value()).isEmpty()) {
            inv.err(target.isV4() ? "ping: SO_BINDTODEVICE " + device.get() + ": No such device\n"
                    : "ping: unknown iface: " + device.get() + "\n");
            return 2;
        }
        // Without -W, iputils waits for the last reply up to 10 s, but a lost reply is only loss: the same outcome.
        // Stopped (-w, or the interrupt), ping sees what came before the stop.
        Duration wait = timeoutSet ? timeout : Duration.ofSeconds(10);
        if (stop != null) {
            Duration left = stop.minusNanos(Math.round((count - 1) * gap * 1e9));
            wait = left.isNegative() ? Duration.ZERO : left;
        }
        PingRequest req = new PingRequest(inv.netns(), target, count, interval, wait, ttl, size, source, device);
        PingResult result = inv.world().network().ping(req);
        // ping names the destination as it was given: PING 010.0.0.9 (8.0.0.9), --- 010.0.0.9 ping statistics ---
        String shown = java.util.regex.Matcher.quoteReplacement(dst);
        String text = PingText.render(result).replaceFirst("^PING \\S+(?= ?\\()", "PING " + shown)
                .replaceFirst("(?m)^--- \\S+ ping statistics ---$", "--- " + shown + " ping statistics ---");
        if (device.isPresent() && result.source().isPresent()) {
            // ping -I DEV names the source and the device in its first line
            text = text.replaceFirst("\\) ", ") from " + result.source().get() + " " + device.get() + ": ");
        }
        if (quiet && text.startsWith("PING ")) {
            // -q: the first line and the statistics, nothing per packet
            text = text.substring(0, text.indexOf('\n') + 1) + text.substring(text.indexOf("\n--- "));
        }
        for (String line : text.split("(?<=\n)")) {
            if (line.startsWith("ping: ")) {
                inv.err(line);
            } else {
                inv.out(line);
            }
        }
        if (deadline != null && counted && result.exitStatus() == 0 && result.received() < count) {
            return 1; // -c and -w: fewer replies than asked by the deadline
        }
        return result.exitStatus();
    }

    /** A destination as getaddrinfo reads a number (ping and traceroute): inet_pton for IPv6, inet_aton whole for IPv4. */
    static Optional<IpAddress> resolve(String text) {
        return text.indexOf(':') >= 0 ? AddressSyntax.inetPton(text) : AddressSyntax.inetAton(text, true);
    }

    static Duration seconds(String v) {
        return Duration.ofNanos((long) (Double.parseDouble(v) * 1e9));
    }
}
