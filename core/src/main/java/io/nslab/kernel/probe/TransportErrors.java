package io.nslab.kernel.probe;

import io.nslab.model.IpAddress;
import io.nslab.probe.IcmpErrorKind;

import java.util.Arrays;
import java.util.Optional;

/**
 * ICMP errors about a TCP segment or UDP datagram, read from a raw ICMP socket (IP header first; for IPv6 the header
 * IcmpSocket makes): the socket of a TCP or UDP probe reports only an errno, which does not tell a firewall's
 * "administratively prohibited" from a host unreachable, nor who sent it.
 */
final class TransportErrors {
    private static final int IPV6_HEADER = 40;

    private TransportErrors() {
    }

    /** An error from {@code from} about our packet to {@code target}. */
    record Seen(IpAddress from, IcmpErrorKind kind) {
    }

    /** The error in {@code p} if it quotes a packet of protocol {@code proto} from port {@code sport} to {@code dport}. */
    static Optional<Seen> parse(byte[] p, int proto, int sport, int dport) {
        if (p.length >= IPV6_HEADER && (p[0] >> 4 & 0xf) == 6) {
            return parse6(p, proto, sport, dport);
        }
        if (p.length < 20 || (p[0] >> 4 & 0xf) != 4 || (p[9] & 0xff) != 1) {
            return Optional.empty();
        }
        int ihl = (p[0] & 0xf) * 4;
        int inner = ihl + 8;
        if (p.length < inner + 20 || (p[inner] >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int quoted = inner + (p[inner] & 0xf) * 4;
        if (p.length < quoted + 4 || (p[inner + 9] & 0xff) != proto || u16(p, quoted) != sport || u16(p, quoted + 2) != dport) {
            return Optional.empty();
        }
        IpAddress from = IpAddress.fromBytes(Arrays.copyOfRange(p, 12, 16));
        return IcmpErrorKind.of(p[ihl] & 0xff, p[ihl + 1] & 0xff).filter(k -> !k.isRedirect())
                .map(k -> new Seen(from, k));
    }

    private static Optional<Seen> parse6(byte[] p, int proto, int sport, int dport) {
        int inner = IPV6_HEADER + 8;
        int quoted = inner + IPV6_HEADER;
        if ((p[6] & 0xff) != 58 || p.length < quoted + 4 || (p[inner] >> 4 & 0xf) != 6 || (p[inner + 6] & 0xff) != proto
                || u16(p, quoted) != sport || u16(p, quoted + 2) != dport) {
            return Optional.empty();
        }
        IpAddress from = IpAddress.fromBytes(Arrays.copyOfRange(p, 8, 24));
        return IcmpErrorKind.ofIcmpv6(p[IPV6_HEADER] & 0xff, p[IPV6_HEADER + 1] & 0xff).map(k -> new Seen(from, k));
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
