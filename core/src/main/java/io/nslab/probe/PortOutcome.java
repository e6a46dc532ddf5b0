package io.nslab.probe;

import java.util.List;
import java.util.Optional;

/**
 * What a TCP or UDP probe found, in the words checks use. nslab listens on the port itself when nothing does (see
 * {@link PortRequest#listener()}), so every outcome says something about the network, not about a missing service:
 * <ul>
 * <li>{@code open}: TCP's handshake completed; for UDP, nslab's listener answered the datagram and the answer came back.
 * <li>{@code refused} (TCP): a TCP reset came back (nothing listened where the packet arrived, or a rule {@code reject
 * with tcp reset}), or an ICMP port unreachable, which the kernel reports to a TCP socket the same way.
 * <li>{@code closed} (UDP): an ICMP port unreachable came back (nothing listened where the datagram arrived, or a
 * rule's plain {@code reject}).
 * <li>{@code filtered}: no answer before the timeout (a rule dropped the packet or its answer), or an ICMP
 * "administratively prohibited" (net or host prohibited, packet filtered: what {@code reject with icmp
 * admin-prohibited} sends).
 * <li>{@code unreachable}: any other ICMP error (net or host unreachable, time exceeded), or the sender's own kernel
 * refusing to send (no route).
 * </ul>
 */
public enum PortOutcome {
    OPEN("open"),
    REFUSED("refused"),
    CLOSED("closed"),
    FILTERED("filtered"),
    UNREACHABLE("unreachable");

    private final String word;

    PortOutcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Whether a probe of this protocol can end so: refused is TCP's word, closed UDP's. */
    public boolean fits(PortProtocol p) {
        return switch (this) {
            case REFUSED -> p == PortProtocol.TCP;
            case CLOSED -> p == PortProtocol.UDP;
            case OPEN, FILTERED, UNREACHABLE -> true;
        };
    }

    public static List<PortOutcome> of(PortProtocol p) {
        return java.util.Arrays.stream(values()).filter(o -> o.fits(p)).toList();
    }

    public static Optional<PortOutcome> ofWord(String word) {
        for (PortOutcome o : values()) {
            if (o.word.equals(word)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The outcome an ICMP error means for a probe of {@code p}. */
    public static PortOutcome ofIcmp(IcmpErrorKind kind, PortProtocol p) {
        return switch (kind) {
            case PORT_UNREACHABLE -> p == PortProtocol.TCP ? REFUSED : CLOSED;
            case NET_PROHIBITED, HOST_PROHIBITED, PACKET_FILTERED -> FILTERED;
            case NET_UNREACHABLE, HOST_UNREACHABLE, PROTOCOL_UNREACHABLE, FRAGMENTATION_NEEDED, TTL_EXCEEDED,
                 REDIRECT_NET, REDIRECT_HOST -> UNREACHABLE;
        };
    }
}
