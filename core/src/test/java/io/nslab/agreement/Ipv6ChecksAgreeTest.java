package io.nslab.agreement;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.kernel.probe.Ipv6Dad;
import io.nslab.model.Check;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.sim.CheckRunner;
import io.nslab.sim.SimNetwork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IPv6 checks in both worlds: replies with their hop limit across two routers, hop limit exceeded, no route, reject
 * routes, a neighbour that never answers, a local refusal, and IPv4-mapped destinations (which ping's connect()
 * takes as IPv4). Every check passes in both, and both see the same thing, sender included. The kernel world pinged
 * IPv4 only before; up of such a lab built it, then stopped with exit 2 ("the kernel world pings IPv4 only so far").
 */
class Ipv6ChecksAgreeTest {
    static final String LAB = """
            name: six
            nodes:
              h1:
                routes: ["default via fd00:1::1"]
              r1:
                ipv6-forwarding: true
                routes:
                  - fd00:2::/64 via fd00:12::2
                  - unreachable fd00:7::/64
                  - prohibit fd00:8::/64
                  - blackhole fd00:9::/64
              r2:
                ipv6-forwarding: true
                routes: ["fd00:1::/64 via fd00:12::1"]
              h2:
                routes: ["default via fd00:2::1"]
            links:
              - endpoints: ["h1:eth0 fd00:1::10/64 10.0.1.10/24", "r1:eth0 fd00:1::1/64"]
              - endpoints: ["r1:eth1 fd00:12::1/64", "r2:eth0 fd00:12::2/64"]
              - endpoints: ["r2:eth1 fd00:2::1/64", "h2:eth0 fd00:2::10/64"]
            checks:
              - ping: h1 -> fd00:2::10
                expect: reply
                ttl: 62
              - ping: h2 -> fd00:1::10
                expect: reply
                ttl: 62
              - ping: h1 -> fd00:2::10
                send-ttl: 1
                expect: ttl-exceeded
                from: fd00:1::1
              - ping: h1 -> fd00:2::10
                send-ttl: 2
                expect: ttl-exceeded
                from: fd00:12::2
              - ping: h1 -> fd00:5::1          # r1 has no route
                expect: unreachable
                from: fd00:1::1
              - ping: h1 -> fd00:7::1          # an unreachable route on r1
                expect: unreachable
                from: fd00:1::1
              - ping: h1 -> fd00:8::1          # a prohibit route on r1
                expect: unreachable
                from: fd00:1::1
              - ping: h1 -> fd00:9::1          # a blackhole on r1
                expect: timeout
              - ping: h1 -> fd00:2::99         # r2 asks for a neighbour that never answers
                expect: unreachable
                from: fd00:12::2
                timeout: 5
              - ping: r1 -> fd00:5::1          # refused by r1's own kernel
                expect: unreachable
              - ping: h2 -> ::ffff:10.0.1.10   # connect() takes it as IPv4, and h2 has no IPv4 route
                expect: unreachable
              - ping: h1 -> ::ffff:10.0.1.99   # h1 has an IPv4 route, so it goes out as IPv6; r1 has no route
                expect: unreachable
                from: fd00:1::1
            """;

    @Test
    void everyCheckPassesAndSeesTheSameInBothWorlds() throws Exception {
        Lab lab = LabLoader.parse("six.yaml", LAB);
        try (KernelTestSupport support = KernelTestSupport.create();
             KernelNetwork kernel = new KernelNetwork(support.registry());
             SimNetwork sim = SimNetwork.of(lab)) {
            kernel.applyAll(LabPlanner.plan(lab));
            List<NamespaceRef> names = lab.nodes().keySet().stream().map(lab::netnsOf).toList();
            SettledSnapshot.of(kernel, names);
            assertThat(Ipv6Dad.await(kernel.registry(), names, Duration.ofSeconds(5)))
                    .as("link-local DAD over within 5 s").isTrue();
            for (Check c : lab.checks()) {
                CheckRunner.Verdict real = CheckRunner.run(kernel, lab, c);
                CheckRunner.Verdict model = CheckRunner.run(sim, lab, c);
                assertThat(real.passed()).as("kernel: %s (seen %s)", c.label(), real.seen()).isTrue();
                assertThat(model.passed()).as("simulator: %s (seen %s)", c.label(), model.seen()).isTrue();
                assertThat(ExamplesAgreeTest.outcome(model.result())).as("%s", c.label())
                        .isEqualTo(ExamplesAgreeTest.outcome(real.result()));
            }
        }
    }
}
