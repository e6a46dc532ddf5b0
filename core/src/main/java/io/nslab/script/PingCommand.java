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

/** iputils {@code ping -c N [-W S] [-t TTL] [-i S] [-s SIZE] [-I ADDR|DEV] [-n] [-q] DST}. */
final class PingCommand {
    /** The simulator works out every packet (a day of one-second pings is 86,400); more would only fill the heap. */
    static final int MAX_COUNT = 100_000;

    private PingCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv();
        Integer count = null;
        Duration timeout = Duration.ofSeconds(10);
        Duration interval = Duration.ofSeconds(1);
        OptionalInt ttl = OptionalInt.empty();
        int size = PingRequest.DEFAULT_SIZE;
        Optional<IpAddress> source = Optional.empty();
        Optional<IfName> device = Optional.empty();
        String dst = null;
        boolean timeoutSet = false;
        try {
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                if (!w.startsWith("-") || w.length() < 2) {
                    dst = w;
                    continue;
                }
                char o = w.charAt(1);
                if (o == 'n' || o == 'q') {
                    continue;
                }
                String v = w.length() > 2 ? w.substring(2) : a.get(++i);
                switch (o) {
                    case 'c' -> count = Integer.parseInt(v);
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
            }
        } catch (RuntimeException e) {
            inv.err("ping: invalid argument: '" + String.join(" ", a.subList(1, a.size())) + "'\n");
            return 2;
        }
        if (count == null || dst == null) {
            inv.err("nslab script: ping needs -c COUNT and a destination address\n");
            return 2;
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
        PingRequest req = new PingRequest(inv.netns(), target, count, interval, timeoutSet ? timeout : Duration.ofSeconds(10),
                ttl, size, source, device);
        PingResult result = inv.world().network().ping(req);
        // ping names the destination as it was given: PING 010.0.0.9 (8.0.0.9), --- 010.0.0.9 ping statistics ---
        String shown = java.util.regex.Matcher.quoteReplacement(dst);
        String text = PingText.render(result).replaceFirst("^PING \\S+(?= ?\\()", "PING " + shown)
                .replaceFirst("(?m)^--- \\S+ ping statistics ---$", "--- " + shown + " ping statistics ---");
        if (device.isPresent() && result.source().isPresent()) {
            // ping -I DEV names the source and the device in its first line
            text = text.replaceFirst("\\) ", ") from " + result.source().get() + " " + device.get() + ": ");
        }
        for (String line : text.split("(?<=\n)")) {
            if (line.startsWith("ping: ")) {
                inv.err(line);
            } else {
                inv.out(line);
            }
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
