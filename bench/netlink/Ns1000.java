import io.nslab.netlink.AddressInfo;
import io.nslab.netlink.Batch;
import io.nslab.netlink.IpPrefix;
import io.nslab.netlink.NamedNamespaces;
import io.nslab.netlink.Netlink;
import io.nslab.netlink.RouteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates N namespaces ns0..nsN-1, each with a veth pair to namespace "hub" (hK there, eth0 inside), addresses
 * 10.X.Y.1/24 and 10.X.Y.2/24 on the two ends, both ends up, and a default route via the hub; then deletes
 * them all. The same work as bench/netlink/ns1000.sh asks of `ip`. Must run in a throwaway network world.
 *
 * Usage: java [-Dthreads=T] --enable-native-access=ALL-UNNAMED -cp netlink/target/classes:DIR Ns1000 N
 */
public final class Ns1000 {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.getInteger("threads", 1);
        NamedNamespaces names = NamedNamespaces.standard();

        long t0 = System.nanoTime();
        Netlink hub = names.createWithNetlink("hub");
        hub.links().setUp("lo");
        forAll(n, threads, k -> setUp(names, hub, k));
        long t1 = System.nanoTime();

        int hubLinks = hub.links().list().size();
        if (hubLinks != n + 1) {
            throw new AssertionError("hub has " + hubLinks + " links, expected " + (n + 1));
        }
        try (Netlink last = Netlink.open(names.open("ns" + (n - 1)))) {
            String gw = last.routes().get("192.0.2.1").gateway().getHostAddress();
            if (!gw.equals(prefix(n - 1) + "1")) {
                throw new AssertionError("ns" + (n - 1) + " routes via " + gw);
            }
            last.namespace().orElseThrow().close();
        }
        hub.close();

        long t2 = System.nanoTime();
        forAll(n, threads, k -> names.delete("ns" + k));
        names.delete("hub");
        long t3 = System.nanoTime();

        System.out.printf("library create %.3f s, delete %.3f s (%d threads, in-process)%n",
                (t1 - t0) / 1e9, (t3 - t2) / 1e9, threads);
    }

    static String prefix(int k) {
        return "10." + (k / 250) + "." + (k % 250) + ".";
    }

    static void setUp(NamedNamespaces names, Netlink hub, int k) {
        try (Netlink ns = names.createWithNetlink("ns" + k)) {
            String p = prefix(k);
            // Choosing the interface indexes (hub end 10+k, eth0 2) lets each side go in one round trip.
            Batch h = hub.batch();
            h.links().addVeth("h" + k, 10 + k, "eth0", 2, ns.namespace().orElseThrow());
            h.addresses().add(AddressInfo.of(10 + k, p + "1/24"));
            h.links().setUp("h" + k);
            h.send();
            Batch b = ns.batch();
            b.addresses().add(AddressInfo.of(2, p + "2/24"));
            b.links().setUp("eth0");
            b.routes().add(RouteInfo.defaultRoute(IpPrefix.AF_INET).via(p + "1").dev(2));
            b.send();
        }
    }

    interface Job {
        void run(int k) throws Exception;
    }

    static void forAll(int n, int threads, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int k = first; k < n; k += threads) {
                        job.run(k);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
