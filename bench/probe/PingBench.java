import io.nslab.kernel.KernelNetwork;
import io.nslab.model.IpAddress;
import io.nslab.netlink.LinkInfo;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.NeighbourInfo;
import io.nslab.netlink.Netlink;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Native pings on a running star lab (bench/kernel/star.py: hosts STAR-hK, router STAR-r, a /30 per host):
 *
 *   single N   every host h0..hN-1 pings its router address once, all at once
 *   pairs M    every host of h0..hM-1 pings every other (M*(M-1) pings), all at once
 *
 * Each ping is a KernelNetwork.ping on its own virtual thread, as `nslab check` would run them. Prints the time
 * and checks every reply (TTL 64 from the router, 63 between hosts). Must run in a throwaway network world.
 *
 * The star runs with static neighbours (ping-bench.sh adds "neighbours: static" to the lab): the kernel's ARP
 * table is one for all namespaces, and its dynamic entries are capped by the host-wide gc_thresh3 (1024 here);
 * 1000 hosts and the router resolving each other at once need 2000 and overflow it. nslab itself refuses that
 * lab with dynamic neighbours; permanent entries are exempt from the cap, and the benchmark is about probes, not ARP.
 *
 * Usage: java --enable-native-access=ALL-UNNAMED -cp core/target/classes:netlink/target/classes:DIR PingBench
 *        STAR single|pairs N [rounds]
 */
public final class PingBench {
    public static void main(String[] args) throws Exception {
        String star = args[0];
        String mode = args[1];
        int n = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<PingRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (mode.equals("single")) {
                requests.add(PingRequest.of(star + "-h" + i, router(i)));
            } else {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        requests.add(PingRequest.of(star + "-h" + i, host(j)));
                    }
                }
            }
        }
        int expectedTtl = mode.equals("single") ? 64 : 63;
        try (KernelNetwork network = new KernelNetwork(NamedNamespaces.standard())) {
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                List<Future<PingResult>> results = new ArrayList<>();
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (PingRequest r : requests) {
                        results.add(threads.submit(() -> network.ping(r)));
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                int ok = 0;
                for (Future<PingResult> f : results) {
                    PingResult r = f.get();
                    if (r.events().size() == 1 && r.events().getFirst() instanceof PingEvent.Reply reply
                            && reply.ttl() == expectedTtl) {
                        ok++;
                    }
                }
                System.out.printf("native %s: %d pings in %d ms, %d replies with ttl=%d (round %d)%n", mode,
                        requests.size(), ms, ok, expectedTtl, round);
                if (ok != requests.size()) {
                    throw new AssertionError((requests.size() - ok) + " pings without the expected reply");
                }
            }
        }
    }

    /** Host k's /30: 10.X.Y.B with B = 4k mod 256; the router has .B+1, the host .B+2. */
    static IpAddress base(int k, int offset) {
        int b = k * 4;
        return IpAddress.v4(10, b >> 16 & 255, b >> 8 & 255, (b & 255) + offset);
    }

    static IpAddress router(int k) {
        return base(k, 1);
    }

    static IpAddress host(int k) {
        return base(k, 2);
    }
}
