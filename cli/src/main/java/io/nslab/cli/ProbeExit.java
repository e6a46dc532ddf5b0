package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.probe.PingResult;
import io.nslab.probe.TraceHop;
import io.nslab.probe.TraceResult;

/**
 * The exit status of nslab's probes: nslab's contract (0 answered, 1 the probe failed, 2 bad input), which differs
 * from iputils' and traceroute's own where they mix failures of the network with mistakes of the user: ping exits 2
 * for "connect: Network is unreachable" as for a typo, and traceroute exits 0 when nothing answered. docs/cli.md
 * lists both.
 */
final class ProbeExit {
    private ProbeExit() {
    }

    /**
     * 0 when a reply came; 1 when none did, the sender's kernel refusing the destination included (iputils exits 2
     * then); 2 when it refused -I's address, which is the user's mistake (as for iputils).
     */
    static int ping(PingResult r) {
        if (r.connectError().filter(io.nslab.probe.LocalError::isBind).isPresent()) {
            return ExitCode.BAD_INPUT.code();
        }
        return r.connectError().isEmpty() && r.received() > 0 ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /** 0 when the destination answered; 1 when the sender's kernel refused or the destination never answered. */
    static int trace(TraceResult r) {
        return r.connectError().isEmpty() && reached(r) ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    static boolean reached(TraceResult r) {
        for (TraceHop hop : r.hops()) {
            for (TraceHop.Probe p : hop.probes()) {
                if (p.annotation().isEmpty() && p.from().map(r.request().destination()::equals).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}
