package io.nslab.firewall;

import io.nslab.model.IpAddress;

import java.util.Optional;
import java.util.OptionalInt;

/** What a rule does with a packet it matches: a filter verdict, a jump between chains, or a NAT statement. */
public sealed interface Verdict {

    /** The text nft prints for it in a table of {@code family}. */
    String text(TableFamily family);

    /** True for masquerade, snat, dnat and redirect, which only nat chains may hold. */
    default boolean isNat() {
        return this instanceof Masquerade || this instanceof Snat || this instanceof Dnat || this instanceof Redirect;
    }

    record Accept() implements Verdict {
        public String text(TableFamily family) {
            return "accept";
        }
    }

    record Drop() implements Verdict {
        public String text(TableFamily family) {
            return "drop";
        }
    }

    /** {@code reject} (port unreachable), {@code reject with icmp admin-prohibited}, {@code reject with tcp reset}. */
    record Reject(Optional<RejectCode> icmp) implements Verdict {
        /** A TCP reset. */
        public static Reject tcpReset() {
            return new Reject(Optional.empty());
        }

        public static Reject with(RejectCode code) {
            return new Reject(Optional.of(code));
        }

        public boolean isTcpReset() {
            return icmp.isEmpty();
        }

        public String text(TableFamily family) {
            if (icmp.isEmpty()) {
                return "reject with tcp reset";
            }
            return icmp.get() == RejectCode.PORT_UNREACHABLE ? "reject"
                    : "reject with " + RejectCode.dialect(family) + " " + icmp.get().word();
        }
    }

    record Jump(String chain) implements Verdict {
        public String text(TableFamily family) {
            return "jump " + chain;
        }
    }

    record Goto(String chain) implements Verdict {
        public String text(TableFamily family) {
            return "goto " + chain;
        }
    }

    record Return() implements Verdict {
        public String text(TableFamily family) {
            return "return";
        }
    }

    /** Source NAT to the address the outgoing interface would use for the next hop. */
    record Masquerade() implements Verdict {
        public String text(TableFamily family) {
            return "masquerade";
        }
    }

    /** {@code snat to 192.0.2.1}, {@code snat ip to 192.0.2.1-192.0.2.5}, with an optional port. */
    record Snat(IpAddress from, Optional<IpAddress> to, OptionalInt port) implements Verdict {
        public String text(TableFamily family) {
            return "snat " + natFamily(family, from) + "to " + target(from, to, port);
        }
    }

    /** {@code dnat to 10.0.0.2}, {@code dnat ip to 10.0.0.2:80}. */
    record Dnat(IpAddress address, OptionalInt port) implements Verdict {
        public String text(TableFamily family) {
            return "dnat " + natFamily(family, address) + "to " + target(address, Optional.empty(), port);
        }
    }

    /** {@code redirect} (to the incoming interface's primary address), {@code redirect to :8080}. */
    record Redirect(OptionalInt port) implements Verdict {
        public String text(TableFamily family) {
            return port.isEmpty() ? "redirect" : "redirect to :" + port.getAsInt();
        }
    }

    private static String natFamily(TableFamily family, IpAddress a) {
        return family == TableFamily.INET ? (a.isV4() ? "ip " : "ip6 ") : "";
    }

    private static String target(IpAddress from, Optional<IpAddress> to, OptionalInt port) {
        String addr = to.map(t -> from + "-" + t).orElse(from.toString());
        if (port.isEmpty()) {
            return addr;
        }
        return (from.isV4() ? addr : "[" + addr + "]") + ":" + port.getAsInt();
    }
}
