package io.nslab.script;

import io.nslab.model.IpAddress;
import io.nslab.probe.TraceRequest;
import io.nslab.render.TraceText;

import java.time.Duration;
import java.util.List;

/** {@code traceroute -n [-I] [-m MAX] [-q N] [-w S] DST}: numeric only, since names would need a resolver. */
final class TracerouteCommand {
    private TracerouteCommand() {
    }

    static int run(Invocation inv) {
        List<String> a = inv.argv();
        boolean numeric = false;
        int maxHops = 30;
        int probes = 3;
        Duration wait = Duration.ofSeconds(5);
        String dst = null;
        try {
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                if (!w.startsWith("-")) {
                    dst = w;
                    continue;
                }
                switch (w.charAt(1)) {
                    case 'n' -> numeric = true;
                    case 'I' -> {
                        // ICMP probes; the simulator's are ICMP either way and the output is the same
                    }
                    case 'm', 'q', 'w' -> {
                        String v = w.length() > 2 ? w.substring(2) : a.get(++i);
                        switch (w.charAt(1)) {
                            case 'm' -> maxHops = Integer.parseInt(v);
                            case 'q' -> probes = Integer.parseInt(v);
                            default -> wait = PingCommand.seconds(v);
                        }
                    }
                    default -> {
                        inv.err("nslab script: traceroute " + w + " is not simulated\n");
                        return 2;
                    }
                }
            }
        } catch (RuntimeException e) {
            inv.err("Cannot handle cmdline\n");
            return 2;
        }
        if (maxHops > 255) {
            inv.err("max hops cannot be more than 255\n"); // traceroute's own limits, which also bound the simulator's work
            return 2;
        }
        if (probes > 10) {
            inv.err("no more than 10 probes per hop\n");
            return 2;
        }
        if (!numeric || dst == null) {
            inv.err("nslab script: traceroute needs -n and a destination address\n");
            return 2;
        }
        IpAddress target = PingCommand.resolve(dst).orElse(null);
        if (target == null) {
            inv.err(dst + ": Name or service not known\nCannot handle \"host\" cmdline arg `" + dst + "' on position 1 (argc "
                    + inv.argv().indexOf(dst) + ")\n");
            return 2;
        }
        TraceRequest req = new TraceRequest(inv.netns(), target, maxHops, probes, wait);
        // traceroute names the destination as it was given: traceroute to 010.0.0.9 (8.0.0.9)
        inv.out(TraceText.render(inv.world().network().trace(req))
                .replaceFirst("^traceroute to \\S+", java.util.regex.Matcher.quoteReplacement("traceroute to " + dst)));
        return 0;
    }
}
