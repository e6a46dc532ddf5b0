package io.nslab.probe;

import io.nslab.model.IpAddress;

import java.util.Optional;

/**
 * What a TCP or UDP probe found, from either world: the outcome and what it was read from.
 *
 * @param source     the source address the sender's kernel chose (empty when it refused to send)
 * @param localError the sender's kernel refused at connect (outcome unreachable), or at send because its own rule
 *                   dropped the datagram (outcome filtered)
 * @param icmp       the ICMP error that came back, and who sent it
 * @param reset      a TCP reset came back
 * @param listened   nslab opened the listening socket on the target for the probe (false: a service listened already,
 *                   or the destination is no node's)
 */
public record PortResult(PortRequest request, PortOutcome outcome, Optional<IpAddress> source, Optional<LocalError> localError,
                         Optional<IcmpError> icmp, boolean reset, boolean listened) {

    /** An ICMP error about the probe; {@code kind} is empty when the kernel world read only the socket's errno. */
    public record IcmpError(Optional<IpAddress> from, Optional<IcmpErrorKind> kind, String words) {
    }

    /** What was seen, in a few words: {@code TCP reset}, {@code no answer in 4 s}, {@code From 10.0.1.1 Packet filtered}. */
    public String seen() {
        if (localError.isPresent()) {
            return localError.get().call() + ": " + localError.get().text();
        }
        if (icmp.isPresent()) {
            return icmp.get().from().map(f -> "From " + f + " ").orElse("ICMP error: ") + icmp.get().words();
        }
        if (reset) {
            return "TCP reset";
        }
        return switch (outcome) {
            case OPEN -> request.protocol() == PortProtocol.TCP ? "handshake completed" : "answer received";
            case FILTERED -> "no answer in " + seconds(request.timeout().toMillis()) + " s";
            case REFUSED, CLOSED, UNREACHABLE -> outcome.word();
        };
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
