package io.nslab.kernel.probe;

import static io.nslab.model.NamespaceRef.named;

import io.nslab.kernel.KernelNetwork;
import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.IfName;
import io.nslab.model.IpAddress;
import io.nslab.model.load.LabLoader;
import io.nslab.op.LabPlanner;
import io.nslab.op.Op;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native ping against the real kernel, each case in a lab of its own in a private namespace directory, and, where
 * iputils ping is installed, the same ping by the real binary in the same lab with the same outcome.
 */
class KernelPingTest {
    private static final String SEED = """
            name: seed
            netns-prefix: ""
            nodes:
              ns1:
                routes: [%s]
              router:
                forwarding: %s%s
              ns2:
                routes: [%s]
            links:
              - endpoints: ["ns1:v1 10.10.10.2/24", "router:v1_r 10.10.10.1/24"]
              - endpoints: ["ns2:v2 10.10.20.2/24", "router:v2_r 10.10.20.1/24"]
            """;
    static final String TO_NS2 = "10.10.20.0/24 via 10.10.10.1";
    static final String TO_NS1 = "10.10.10.0/24 via 10.10.20.1";
    static final IpAddress NS1 = IpAddress.parse("10.10.10.2");
    static final IpAddress ROUTER_LEFT = IpAddress.parse("10.10.10.1");
    static final IpAddress NS2 = IpAddress.parse("10.10.20.2");

    private KernelTestSupport support;
    private KernelNetwork network;

    @BeforeEach
    void setUp() throws Exception {
        support = KernelTestSupport.create();
        network = new KernelNetwork(support.registry());
    }

    @AfterEach
    void tearDown() {
        if (network != null) {
            network.close();
        }
        if (support != null) {
            support.close();
        }
    }

    private void seed(String ns1Routes, boolean forwarding, String routerRoutes, String ns2Routes) {
        String yaml = SEED.formatted(ns1Routes, forwarding, routerRoutes.isEmpty() ? "" : "\n    routes: [" + routerRoutes + "]",
                ns2Routes);
        network.applyAll(LabPlanner.plan(LabLoader.parse("test.yaml", yaml)));
        awaitReply(network, "ns1", ROUTER_LEFT);
        awaitReply(network, "ns2", IpAddress.parse("10.10.20.1"));
    }

    /**
     * Waits (3 s at most) until a fresh lab answers on a link: right after links come up the kernel may still drop
     * the first packets, and a silence test must not pass because of that.
     */
    static void awaitReply(KernelNetwork network, String netns, IpAddress dst) {
        for (int i = 0; i < 15; i++) {
            if (network.ping(ping(netns, dst, 1, Duration.ofSeconds(1), Duration.ofMillis(200), OptionalInt.empty())).received() > 0) {
                return;
            }
        }
        throw new AssertionError("lab not ready: " + netns + " gets no reply from " + dst);
    }

    private void seed() {
        seed(TO_NS2, true, "", TO_NS1);
    }

    static PingRequest ping(String netns, IpAddress dst, int count, Duration interval, Duration timeout, OptionalInt ttl) {
        return new PingRequest(named(netns), dst, count, interval, timeout, ttl, PingRequest.DEFAULT_SIZE, Optional.empty(),
                Optional.empty());
    }

    static PingRequest once(String netns, IpAddress dst) {
        return ping(netns, dst, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), OptionalInt.empty());
    }

    /** Runs ours and the real ping ({@code -c1 -W secs [-t ttl]}) at the same time in the same lab; returns ours. */
    private PingResult compared(PingRequest request) {
        List<String> args = new ArrayList<>(List.of("-c", Integer.toString(request.count()), "-W",
                Long.toString(request.timeout().toSeconds()), "-i", Double.toString(request.interval().toMillis() / 1000.0)));
        request.ttl().ifPresent(t -> args.addAll(List.of("-t", Integer.toString(t))));
        request.source().ifPresent(s -> args.addAll(List.of("-I", s.toString())));
        CompletableFuture<Optional<RealPing>> real = RealPing.start(support.directory().resolve(request.netns().toString()),
                request.destination(), args.toArray(String[]::new));
        PingResult ours = network.ping(request);
        real.join().ifPresent(r -> {
            assertThat(outcome(ours)).as("outcome of the real ping:%n%s", r.output())
                    .isEqualTo(new RealPing(r.exit(), r.replyTtls(), r.errors(), r.connectError(), ""));
            assertThat(masked(io.nslab.render.PingText.render(ours))).as("what nslab ping prints, against iputils")
                    .isEqualTo(masked(r.output()));
        });
        return ours;
    }

    /** Times differ from run to run; everything else must be the same, byte for byte. */
    static String masked(String pingOutput) {
        return pingOutput.replaceAll("(?m)^/usr/bin/ping:", "ping:")
                .replaceAll("time=[0-9.]+ ms", "time=T ms")
                .replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("rtt min/avg/max/mdev = [0-9./]+ ms", "rtt min/avg/max/mdev = R ms");
    }

    static RealPing outcome(PingResult r) {
        List<Integer> ttls = r.events().stream().filter(e -> e instanceof PingEvent.Reply).map(e -> ((PingEvent.Reply) e).ttl()).toList();
        List<String> errors = r.events().stream().filter(e -> e instanceof PingEvent.Error)
                .map(e -> ((PingEvent.Error) e).from() + " " + ((PingEvent.Error) e).kind().text()).toList();
        return new RealPing(r.exitStatus(), ttls, errors, r.connectError().map(LocalError::text), "");
    }

    @Test
    void repliesCarryTheirTtl_64OnTheSubnet_63AcrossTheRouter() {
        seed();
        PingResult near = compared(once("ns1", ROUTER_LEFT));
        assertThat(near.source()).hasValue(NS1);
        assertThat(near.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class, r -> {
            assertThat(r.from()).isEqualTo(ROUTER_LEFT);
            assertThat(r.ttl()).isEqualTo(64);
            assertThat(r.bytes()).isEqualTo(64);
            assertThat(r.seq()).isEqualTo(1);
        });
        PingResult far = compared(once("ns1", NS2));
        assertThat(far.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class,
                r -> assertThat(r.ttl()).isEqualTo(63));
        assertThat(far.exitStatus()).isZero();
        PingResult back = network.ping(once("ns2", NS1));
        assertThat(back.received()).isEqualTo(1);
    }

    @Test
    void countIntervalAndSizeAreHonoured() {
        seed();
        PingRequest r = new PingRequest(named("ns1"), NS2, 3, Duration.ofMillis(100), Duration.ofSeconds(1), OptionalInt.empty(),
                200, Optional.empty(), Optional.empty());
        long t0 = System.nanoTime();
        PingResult result = network.ping(r);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(result.transmitted()).isEqualTo(3);
        assertThat(result.events()).extracting(PingEvent::seq).containsExactly(1, 2, 3);
        assertThat(result.events()).allSatisfy(e -> assertThat(((PingEvent.Reply) e).bytes()).isEqualTo(208));
        assertThat(result.elapsed()).isBetween(Duration.ofMillis(190), Duration.ofMillis(400));
        assertThat(took).as("ends with the last reply, not the timeout").isLessThan(800);
    }

    @Test
    void noRouteOnTheSenderIsAConnectError() {
        seed("", true, "", TO_NS1);
        PingResult r = compared(once("ns1", NS2));
        assertThat(r.connectError()).hasValue(LocalError.NETWORK_UNREACHABLE);
        assertThat(r.transmitted()).isZero();
        assertThat(r.exitStatus()).isEqualTo(2);
    }

    @Test
    void forwardingOffOnTheRouterIsSilence() {
        seed(TO_NS2, false, "", TO_NS1);
        PingResult r = compared(once("ns1", NS2));
        assertThat(r.connectError()).isEmpty();
        assertThat(r.transmitted()).isEqualTo(1);
        assertThat(r.events()).isEmpty();
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void aMissingReturnRouteIsSilence() {
        seed(TO_NS2, true, "", "");
        PingResult r = compared(once("ns1", NS2));
        assertThat(r.events()).isEmpty();
        assertThat(r.transmitted()).isEqualTo(1);
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void ttlExpiresAtTheSecondRouterOfTheChain() {
        network.applyAll(LabPlanner.plan(LabLoader.load(Path.of("../examples/chain.yaml"))));
        String h1 = "chain-h1";
        awaitReply(network, h1, IpAddress.parse("10.0.2.10"));
        PingResult r = compared(ping(h1, IpAddress.parse("10.0.2.10"), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                OptionalInt.of(2)));
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(IcmpErrorKind.TTL_EXCEEDED);
            assertThat(e.from()).isEqualTo(IpAddress.parse("10.0.12.1"));
        });
        assertThat(r.errors()).isEqualTo(1);
        PingResult through = network.ping(once(h1, IpAddress.parse("10.0.2.10")));
        assertThat(through.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class,
                e -> assertThat(e.ttl()).isEqualTo(61));
    }

    @Test
    void rejectRoutesOnTheSenderAreLocalErrors() {
        seed(TO_NS2 + ", blackhole 10.9.9.0/24, unreachable 10.8.0.0/16, prohibit 10.7.0.0/16", true, "", TO_NS1);
        assertThat(compared(once("ns1", IpAddress.parse("10.9.9.9"))).connectError()).hasValue(LocalError.INVALID_ARGUMENT);
        assertThat(compared(once("ns1", IpAddress.parse("10.8.0.1"))).connectError()).hasValue(LocalError.NO_ROUTE_TO_HOST);
        assertThat(compared(once("ns1", IpAddress.parse("10.7.0.1"))).connectError()).hasValue(LocalError.PERMISSION_DENIED);
    }

    @Test
    void anUnreachableRouteOnTheRouterSendsHostUnreachable() {
        seed(TO_NS2 + ", 10.99.0.0/16 via 10.10.10.1", true, "unreachable 10.99.0.0/16", TO_NS1);
        PingResult r = compared(once("ns1", IpAddress.parse("10.99.1.1")));
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE);
            assertThat(e.from()).isEqualTo(ROUTER_LEFT);
        });
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void linkDownTakesTheRoutesAlong() {
        seed();
        network.apply(new Op.SetLinkState(named("ns1"), IfName.of("v1"), false));
        PingResult r = compared(once("ns1", NS2));
        assertThat(r.connectError()).hasValue(LocalError.NETWORK_UNREACHABLE);
    }

    @Test
    void carrierDownKeepsTheRoutesButLosesThePackets() {
        seed();
        network.apply(new Op.SetLinkState(named("router"), IfName.of("v1_r"), false));
        PingResult r = compared(once("ns1", NS2));
        assertThat(r.connectError()).isEmpty();
        assertThat(r.transmitted()).isEqualTo(1);
        assertThat(r.events()).isEmpty();
    }

    /** The one slow case: the kernel gives up on ARP after three solicitations a second apart. */
    @Test
    void anUnansweredNeighbourIsHostUnreachableFromOurselvesAfterThreeSeconds() {
        seed();
        IpAddress nobody = IpAddress.parse("10.10.10.77");
        PingResult r = compared(ping("ns1", nobody, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), OptionalInt.empty()));
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Error.class, e -> {
            assertThat(e.kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE);
            assertThat(e.from()).isEqualTo(NS1);
        });
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    /** Three requests queued on one unresolved neighbour: iputils' statistics end with "pipe 3" (nslab's did not). */
    @Test
    void requestsQueuedOnAnUnresolvedNeighbourShowThePipe() {
        seed();
        PingResult r = compared(ping("ns1", IpAddress.parse("10.10.10.78"), 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
                OptionalInt.empty()));
        assertThat(r.pipe()).isEqualTo(3);
        assertThat(io.nslab.render.PingText.render(r)).endsWith("100% packet loss, time " + r.elapsed().toMillis() + "ms\npipe 3\n");
    }

    /** iputils binds to -I's address first: one the node does not have is refused there, exit 2 (nslab threw, exit 2). */
    @Test
    void aSourceAddressThatIsNotTheNodesIsRefusedAtBind() {
        seed();
        PingRequest r = new PingRequest(named("ns1"), NS2, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), OptionalInt.empty(),
                PingRequest.DEFAULT_SIZE, Optional.of(IpAddress.parse("10.10.10.77")), Optional.empty());
        PingResult result = compared(r);
        assertThat(result.connectError()).hasValue(LocalError.ADDRESS_NOT_AVAILABLE);
        assertThat(io.nslab.render.PingText.render(result)).isEqualTo("ping: bind: Cannot assign requested address\n");
        assertThat(result.exitStatus()).isEqualTo(2);
    }

    /**
     * connect() toward IPv6 from a node with no candidate source at all (lo down, no IPv6 address, its only link
     * down): EADDRNOTAVAIL before any route is looked at, as iputils prints it, in both worlds; the TCP probe too.
     */
    @Test
    void anIpv6DestinationWithoutAnyCandidateSourceIsRefusedAtConnect() {
        io.nslab.model.Lab lab = LabLoader.parse("nosrc.yaml", """
                name: nosrc
                netns-prefix: ""
                nodes:
                  a: {loopback: down}
                  b: {}
                links:
                  - endpoints:
                      - {node: a, interface: eth0, addresses: [10.0.1.2/24], up: false}
                      - {node: b, interface: eth0, addresses: [10.0.1.1/24, "fd00::1/64"]}
                """);
        network.applyAll(LabPlanner.plan(lab));
        PingResult k = compared(once("a", IpAddress.parse("fd00::1")));
        assertThat(k.connectError()).hasValue(LocalError.NO_SOURCE_ADDRESS);
        assertThat(io.nslab.render.PingText.render(k)).isEqualTo("ping: connect: Cannot assign requested address\n");
        io.nslab.probe.PortRequest tcp = new io.nslab.probe.PortRequest(named("a"), IpAddress.parse("fd00::1"),
                io.nslab.probe.PortProtocol.TCP, 7000, Duration.ofSeconds(1), Optional.of(named("b")));
        io.nslab.probe.PortResult kt = network.probe(tcp);
        try (io.nslab.sim.SimNetwork sim = io.nslab.sim.SimNetwork.of(lab)) {
            assertThat(sim.ping(once("a", IpAddress.parse("fd00::1"))).connectError()).isEqualTo(k.connectError());
            io.nslab.probe.PortResult st = sim.probe(tcp);
            assertThat(kt.localError()).hasValue(LocalError.NO_SOURCE_ADDRESS);
            assertThat(st.seen()).isEqualTo(kt.seen()).isEqualTo("connect: Cannot assign requested address");
            assertThat(st.outcome()).isEqualTo(kt.outcome());
        }
    }

    /** 0.0.0.0 is this host: iputils names 127.0.0.1 in its first line, and 127.0.0.1 answers. */
    @Test
    void zeroAddressIsAnsweredByLoopback() {
        seed();
        PingResult r = compared(once("ns1", IpAddress.parse("0.0.0.0")));
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class,
                e -> assertThat(e.from()).isEqualTo(IpAddress.parse("127.0.0.1")));
        assertThat(io.nslab.render.PingText.render(r)).startsWith("PING 0.0.0.0 (127.0.0.1) 56(84) bytes of data.\n");
    }

    /**
     * A reject at output of ping 0.0.0.0's request (to 127.0.0.1): iputils prints "From 127.0.0.1 icmp_seq=1
     * Destination Port Unreachable" (and "sendmsg: Operation not permitted"); the kernel world read the error's quoted
     * destination 127.0.0.1 as another ping's and said nothing. The simulator says the same as iputils.
     */
    @Test
    void zeroAddressRejectedAtOutputIsReportedFromLoopback() {
        io.nslab.model.Lab lab = LabLoader.parse("zero.yaml", """
                name: zero
                netns-prefix: ""
                nodes:
                  a:
                    loopback: up
                    firewall:
                      output: [icmp type echo-request reject]
                """);
        network.applyAll(LabPlanner.plan(lab));
        PingResult k = network.ping(once("a", IpAddress.parse("0.0.0.0")));
        assertThat(k.events()).singleElement().isInstanceOfSatisfying(PingEvent.Error.class, e -> {
            assertThat(e.from()).isEqualTo(IpAddress.parse("127.0.0.1"));
            assertThat(e.kind()).isEqualTo(io.nslab.probe.IcmpErrorKind.PORT_UNREACHABLE);
        });
        try (io.nslab.sim.SimNetwork sim = io.nslab.sim.SimNetwork.of(lab)) {
            assertThat(outcome(sim.ping(once("a", IpAddress.parse("0.0.0.0"))))).isEqualTo(outcome(k));
        }
    }

    /** What the listener hears, and when: each reply while the ping still runs, not all of them at its end. */
    @Test
    void theListenerHearsEachReplyAsItArrives() {
        seed();
        List<Long> heard = new ArrayList<>();
        long[] started = {0};
        PingRequest r = ping("ns1", NS2, 3, Duration.ofMillis(300), Duration.ofSeconds(1), OptionalInt.empty());
        PingResult result = network.ping(r, new io.nslab.probe.PingListener() {
            @Override
            public void started(PingRequest request, IpAddress source) {
                started[0] = System.nanoTime();
                assertThat(source).isEqualTo(NS1);
            }

            @Override
            public void event(PingEvent e) {
                heard.add(System.nanoTime());
            }
        });
        long end = System.nanoTime();
        assertThat(result.received()).isEqualTo(3);
        assertThat(heard).hasSize(3);
        assertThat(started[0]).isPositive().isLessThanOrEqualTo(heard.getFirst());
        assertThat((end - heard.getFirst()) / 1_000_000).as("ms between the first reply heard and the ping's end").isGreaterThan(450);
    }

    /** SIGINT's work: an interrupted ping returns what came so far, as iputils prints it after ^C. */
    @Test
    void anInterruptedPingReturnsWhatCameSoFar() throws Exception {
        seed();
        Thread self = Thread.currentThread();
        List<PingEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            while (heard.size() < 2) {
                Thread.onSpinWait();
            }
            self.interrupt();
        });
        PingRequest r = ping("ns1", NS2, 50, Duration.ofMillis(200), Duration.ofSeconds(1), OptionalInt.empty());
        PingResult result = network.ping(r, new io.nslab.probe.PingListener() {
            @Override
            public void event(PingEvent e) {
                heard.add(e);
            }
        });
        assertThat(Thread.interrupted()).as("the interrupt is left for the caller to see").isTrue();
        assertThat(result.transmitted()).isBetween(2, 4);
        assertThat(result.received()).isBetween(2L, 4L);
    }

    @Test
    void hundredsOfParallelPingsInOneNamespaceKeepTheirOwnAnswers() throws Exception {
        seed();
        int n = 300;
        List<Future<PingResult>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                IpAddress dst = i % 3 == 0 ? ROUTER_LEFT : NS2;
                String from = i % 2 == 0 ? "ns1" : "ns2";
                results.add(threads.submit(() -> network.ping(once(from, from.equals("ns2") && dst.equals(NS2) ? NS1 : dst))));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        for (Future<PingResult> f : results) {
            PingResult r = f.get();
            assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class, e -> {
                assertThat(e.seq()).isEqualTo(1);
                assertThat(e.from()).isEqualTo(r.request().destination());
            });
        }
        System.out.println(n + " parallel pings in " + ms + " ms");
        assertThat(ms).isLessThan(3000);
    }
}
