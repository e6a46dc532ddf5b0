package io.nslab.sim;

import io.nslab.Network;
import io.nslab.model.Check;
import io.nslab.model.Lab;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a lab's checks as pings on any {@link Network} (the simulator or the kernel) and judges each
 * against its expectation.
 */
public final class CheckRunner {
    /** Time between a check's echo requests (ping -i). */
    public static final Duration INTERVAL = Duration.ofMillis(200);

    private CheckRunner() {
    }

    /** One judged check: whether it passed and, in ping's words, what was seen; {@code result} is null for a port check. */
    public record Verdict(Check check, boolean passed, String seen, PingResult result) {
    }

    public static PingRequest requestOf(Lab lab, Check c) {
        return new PingRequest(lab.netnsOf(c.from()), c.destination(), c.count(), INTERVAL,
                Duration.ofMillis(Math.round(c.timeoutSeconds() * 1000)), c.sendTtl(), PingRequest.DEFAULT_SIZE,
                Optional.empty(), Optional.empty());
    }

    /** A port check's probe: nslab listens in the node that holds the destination (the sender itself for a loopback address). */
    public static io.nslab.probe.PortRequest portRequestOf(Lab lab, Check c) {
        io.nslab.model.PortCheck p = c.port().orElseThrow();
        Optional<io.nslab.model.NodeName> holder = c.destination().isLoopback() ? Optional.of(c.from())
                : io.nslab.probe.Listeners.nodeHolding(lab, c.destination());
        return new io.nslab.probe.PortRequest(lab.netnsOf(c.from()), c.destination(), p.protocol(), p.port(),
                Duration.ofMillis(Math.round(c.timeoutSeconds() * 1000)), holder.map(lab::netnsOf));
    }

    public static List<Verdict> runAll(Network net, Lab lab) {
        List<Verdict> out = new ArrayList<>();
        for (Check c : lab.checks()) {
            out.add(run(net, lab, c));
        }
        return out;
    }

    public static Verdict run(Network net, Lab lab, Check c) {
        if (c.port().isPresent()) {
            io.nslab.probe.PortResult p = net.probe(portRequestOf(lab, c));
            return new Verdict(c, p.outcome() == c.port().get().expect(), p.outcome().word() + " (" + p.seen() + ")", null);
        }
        PingResult r = net.ping(requestOf(lab, c));
        return new Verdict(c, judge(c, r), seen(r), r);
    }

    static boolean judge(Check c, PingResult r) {
        List<PingEvent.Reply> replies = r.events().stream().filter(e -> e instanceof PingEvent.Reply)
                .map(e -> (PingEvent.Reply) e).toList();
        List<PingEvent.Error> errors = r.events().stream().filter(e -> e instanceof PingEvent.Error)
                .map(e -> (PingEvent.Error) e).filter(e -> !e.kind().isRedirect()).toList();
        return switch (c.expect()) {
            case REPLY -> !replies.isEmpty() && ttlMatches(c.ttl(), replies);
            case UNREACHABLE -> (r.connectError().isPresent() && c.errorFrom().isEmpty())
                    || errors.stream().anyMatch(e -> e.kind().isUnreachable() && fromMatches(c, e));
            case TIMEOUT -> r.connectError().isEmpty() && replies.isEmpty() && errors.isEmpty();
            case TTL_EXCEEDED -> errors.stream().anyMatch(e -> e.kind() == IcmpErrorKind.TTL_EXCEEDED && fromMatches(c, e));
        };
    }

    private static boolean ttlMatches(OptionalInt ttl, List<PingEvent.Reply> replies) {
        return ttl.isEmpty() || replies.stream().anyMatch(x -> x.ttl() == ttl.getAsInt());
    }

    private static boolean fromMatches(Check c, PingEvent.Error e) {
        return c.errorFrom().map(f -> f.equals(e.from())).orElse(true);
    }

    /** What ping showed, in its own words. */
    static String seen(PingResult r) {
        if (r.connectError().isPresent()) {
            return "ping: connect: " + r.connectError().get().text();
        }
        if (r.events().isEmpty()) {
            return "no answer (" + r.transmitted() + " sent)";
        }
        List<String> parts = new ArrayList<>();
        for (PingEvent e : r.events()) {
            parts.add(switch (e) {
                case PingEvent.Reply rep -> "reply from " + rep.from() + " ttl=" + rep.ttl();
                case PingEvent.Error err -> "From " + err.from() + " " + err.kind().text();
            });
        }
        return String.join("; ", parts.stream().distinct().toList());
    }
}
