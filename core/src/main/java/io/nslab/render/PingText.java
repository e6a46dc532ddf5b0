package io.nslab.render;

import io.nslab.probe.LocalError;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.util.List;

/** What iputils ping 20221126 prints for a {@link PingResult}, byte for byte (times as recorded). */
public final class PingText {
    private PingText() {
    }

    public static String render(PingResult r) {
        if (r.connectError().isPresent()) {
            return refusal(r.request(), r.connectError().get());
        }
        StringBuilder sb = new StringBuilder(header(r.request(), r.source().orElse(r.request().destination())));
        for (PingEvent e : r.events()) {
            sb.append(line(e));
        }
        return sb.append(statistics(r)).toString();
    }

    /** What ping prints (to stderr) when the sender's kernel refuses before anything is sent. */
    public static String refusal(PingRequest request, LocalError e) {
        // iputils turns EACCES from connect() into its broadcast hint
        return switch (e) {
            case PERMISSION_DENIED -> "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n";
            case ADDRESS_NOT_AVAILABLE -> (request.destination().isV4() ? "ping: bind: " : "ping: bind icmp socket: ") + e.text() + "\n";
            case SEND_FILTERED -> "ping: sendmsg: " + e.text() + "\n";
            case NETWORK_UNREACHABLE, NO_ROUTE_TO_HOST, INVALID_ARGUMENT, NO_SOURCE_ADDRESS -> "ping: connect: " + e.text() + "\n";
        };
    }

    /**
     * The first line: {@code PING 10.10.20.2 (10.10.20.2) 56(84) bytes of data.} iputils puts the address it sends to
     * in the parentheses, which for 0.0.0.0 is the source the kernel chose (127.0.0.1).
     */
    public static String header(PingRequest request, io.nslab.model.IpAddress source) {
        StringBuilder sb = new StringBuilder();
        String dst = request.destination().toString();
        int size = request.size();
        if (request.destination().isV4()) {
            String target = request.destination().isUnspecified() ? source.toString() : dst;
            sb.append("PING ").append(dst).append(" (").append(target).append(") ");
            request.source().ifPresent(s -> sb.append("from ").append(s).append(" : "));
            sb.append(size).append('(').append(size + 28).append(") bytes of data.\n");
        } else {
            sb.append("PING ").append(dst).append('(').append(dst).append(") ");
            request.source().ifPresent(s -> sb.append("from ").append(s).append(" : "));
            sb.append(size).append(" data bytes\n");
        }
        return sb.toString();
    }

    /** A reply or an ICMP error, one line. */
    public static String line(PingEvent e) {
        StringBuilder sb = new StringBuilder();
        switch (e) {
            case PingEvent.Reply rep -> sb.append(rep.bytes()).append(" bytes from ").append(rep.from()).append(": icmp_seq=")
                    .append(rep.seq()).append(" ttl=").append(rep.ttl()).append(" time=").append(time(rep.rtt().toNanos()))
                    .append(" ms\n");
            case PingEvent.Error err -> {
                if (err.kind().type() == 5) {
                    sb.append("From ").append(err.from()).append(": icmp_seq=").append(err.seq()).append(' ')
                            .append(err.kind().text()).append("(New nexthop: ")
                            .append(err.gateway().map(Object::toString).orElse("0.0.0.0")).append(")\n");
                } else {
                    sb.append("From ").append(err.from()).append(" icmp_seq=").append(err.seq()).append(' ')
                            .append(err.from().isV4() ? err.kind().text() : err.kind().textV6()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The blank line, the statistics and the rtt summary, as iputils prints them at the end or on SIGINT. */
    public static String statistics(PingResult r) {
        StringBuilder sb = new StringBuilder();
        String dst = r.request().destination().toString();
        sb.append("\n--- ").append(dst).append(" ping statistics ---\n");
        long received = r.received();
        long errors = r.errors();
        sb.append(r.transmitted()).append(" packets transmitted, ").append(received).append(" received, ");
        if (errors > 0) {
            sb.append('+').append(errors).append(" errors, ");
        }
        double loss = r.transmitted() == 0 ? 0 : (r.transmitted() - received) * 100.0 / r.transmitted();
        sb.append(percent(loss)).append("% packet loss, time ").append(r.elapsed().toMillis()).append("ms\n");
        List<Long> rtts = r.events().stream().filter(e -> e instanceof PingEvent.Reply)
                .map(e -> ((PingEvent.Reply) e).rtt().toNanos() / 1000).toList();
        String comma = "";
        if (!rtts.isEmpty()) {
            long min = rtts.stream().mapToLong(Long::longValue).min().orElse(0);
            long max = rtts.stream().mapToLong(Long::longValue).max().orElse(0);
            long sum = rtts.stream().mapToLong(Long::longValue).sum();
            double sum2 = rtts.stream().mapToDouble(x -> (double) x * x).sum();
            long avg = sum / rtts.size();
            long mdev = Math.round(Math.sqrt(Math.max(0, sum2 / rtts.size() - (double) avg * avg)));
            sb.append("rtt min/avg/max/mdev = ").append(usec(min)).append('/').append(usec(avg)).append('/').append(usec(max))
                    .append('/').append(usec(mdev)).append(" ms");
            comma = ", ";
        }
        if (r.pipe() > 1) {
            sb.append(comma).append("pipe ").append(r.pipe());
        }
        sb.append('\n');
        return sb.toString();
    }

    /** iputils' %g: 0, 100, 33.3333, 66.6667. */
    static String percent(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        String s = String.format("%.6g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static String usec(long us) {
        return (us / 1000) + "." + String.format("%03d", us % 1000);
    }

    /** iputils prints fewer decimals as the time grows: 0.265, 12.34, 123. */
    static String time(long nanos) {
        long us = nanos / 1000;
        if (us >= 100_000) {
            return Long.toString(us / 1000);
        }
        if (us >= 10_000) {
            return (us / 1000) + "." + ((us % 1000) / 100);
        }
        if (us >= 1_000) {
            return (us / 1000) + "." + String.format("%02d", (us % 1000) / 10);
        }
        return (us / 1000) + "." + String.format("%03d", us % 1000);
    }
}
