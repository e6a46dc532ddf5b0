package io.nslab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.NodeName;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.PingRequest;
import io.nslab.sim.SimNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's ping, written per interface: the frames each device sees, hop by hop, and tcpdump reads them. */
class SimCaptureTest {
    @TempDir
    Path dir;

    private Map<String, List<String>> pingAndRead(Lab lab, String from, String to, int count) throws Exception {
        try (SimNetwork net = SimNetwork.of(lab);
             SimCapture capture = new SimCapture(dir, ns -> lab.nodes().keySet().stream().filter(n -> lab.netnsOf(n).equals(ns))
                     .findFirst().map(NodeName::value).orElseThrow(), 1_700_000_000_000_000_000L)) {
            net.tap(capture);
            NamespaceRef netns = lab.netnsOf(NodeName.of(from));
            net.ping(new PingRequest(netns, lab.addressOf(to).orElseGet(() -> IpAddress.parse(to)), count, Duration.ofMillis(200),
                    Duration.ofSeconds(5), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
        }
        try (var files = Files.list(dir)) {
            return files.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return PcapngFrames.summary(PcapngFrames.read(p), false);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    @Test
    void routedPingShowsArpOnEachLinkAndTheTtlFallingAtTheRouter() throws Exception {
        Map<String, List<String>> seen = pingAndRead(LabLoader.load(Path.of("../examples/seed.yaml")), "ns1", "10.10.20.2", 2);
        assertThat(seen.keySet()).containsExactlyInAnyOrder("ns1-v1.pcapng", "router-v1_r.pcapng", "router-v2_r.pcapng", "ns2-v2.pcapng");
        assertThat(seen.get("ns1-v1.pcapng")).containsExactly(
                "out ARP op 1 10.10.10.2 > 10.10.10.1",
                "in ARP op 2 10.10.10.1 > 10.10.10.2",
                "out IP 10.10.10.2 > 10.10.20.2 ttl 64 proto 1 icmp 8/0 seq 1",
                "in IP 10.10.20.2 > 10.10.10.2 ttl 63 proto 1 icmp 0/0 seq 1",
                "out IP 10.10.10.2 > 10.10.20.2 ttl 64 proto 1 icmp 8/0 seq 2",
                "in IP 10.10.20.2 > 10.10.10.2 ttl 63 proto 1 icmp 0/0 seq 2");
        assertThat(seen.get("router-v2_r.pcapng")).containsExactly(
                "out ARP op 1 10.10.20.1 > 10.10.20.2",
                "in ARP op 2 10.10.20.2 > 10.10.20.1",
                "out IP 10.10.10.2 > 10.10.20.2 ttl 63 proto 1 icmp 8/0 seq 1",
                "in IP 10.10.20.2 > 10.10.10.2 ttl 64 proto 1 icmp 0/0 seq 1",
                "out IP 10.10.10.2 > 10.10.20.2 ttl 63 proto 1 icmp 8/0 seq 2",
                "in IP 10.10.20.2 > 10.10.10.2 ttl 64 proto 1 icmp 0/0 seq 2");
        String text = tcpdump(dir.resolve("ns2-v2.pcapng"));
        assertThat(text).contains("Request who-has 10.10.20.2 tell 10.10.20.1",
                "10.10.10.2 > 10.10.20.2: ICMP echo request, id 20051, seq 2, length 64",
                "10.10.20.2 > 10.10.10.2: ICMP echo reply, id 20051, seq 1, length 64", "ttl 63", "ttl 64")
                .doesNotContain("bad cksum", "wrong", "truncated");
    }

    @Test
    void bridgedPingCrossesThePortsAndTheBroadcastReachesEveryone() throws Exception {
        Map<String, List<String>> seen = pingAndRead(LabLoader.load(Path.of("../examples/bridge.yaml")), "h1", "h2", 1);
        assertThat(seen.keySet()).containsExactlyInAnyOrder("h1-eth0.pcapng", "sw-p1.pcapng", "sw-p2.pcapng", "sw-p3.pcapng",
                "sw-br0.pcapng", "h2-eth0.pcapng", "h3-eth0.pcapng");
        assertThat(seen.get("sw-p1.pcapng")).containsExactly(
                "in ARP op 1 10.0.0.1 > 10.0.0.2",
                "out ARP op 2 10.0.0.2 > 10.0.0.1",
                "in IP 10.0.0.1 > 10.0.0.2 ttl 64 proto 1 icmp 8/0 seq 1",
                "out IP 10.0.0.2 > 10.0.0.1 ttl 64 proto 1 icmp 0/0 seq 1");
        assertThat(seen.get("sw-p2.pcapng")).containsExactly(
                "out ARP op 1 10.0.0.1 > 10.0.0.2",
                "in ARP op 2 10.0.0.2 > 10.0.0.1",
                "out IP 10.0.0.1 > 10.0.0.2 ttl 64 proto 1 icmp 8/0 seq 1",
                "in IP 10.0.0.2 > 10.0.0.1 ttl 64 proto 1 icmp 0/0 seq 1");
        // the request floods: h3 and the bridge itself see it, nothing else
        assertThat(seen.get("h3-eth0.pcapng")).containsExactly("in ARP op 1 10.0.0.1 > 10.0.0.2");
        assertThat(seen.get("sw-br0.pcapng")).containsExactly("in ARP op 1 10.0.0.1 > 10.0.0.2");
        assertThat(tcpdump(dir.resolve("h2-eth0.pcapng"))).contains("ICMP echo reply, id 20051, seq 1, length 64");
    }

    @Test
    void anUnansweredArpIsThreeBroadcastsASecondApart() throws Exception {
        Lab lab = LabLoader.parse("lone.yaml", """
                name: lone
                nodes:
                  a: {}
                  b: {}
                links:
                  - endpoints: ["a:e0 10.0.0.1/24", "b:e0 10.0.0.2/24"]
                """);
        Map<String, List<String>> seen = pingAndRead(lab, "a", "10.0.0.9", 1);
        assertThat(seen.get("a-e0.pcapng")).containsExactly("out ARP op 1 10.0.0.1 > 10.0.0.9", "out ARP op 1 10.0.0.1 > 10.0.0.9",
                "out ARP op 1 10.0.0.1 > 10.0.0.9");
        List<PcapngFrames.Frame> frames = PcapngFrames.read(dir.resolve("a-e0.pcapng"));
        assertThat(frames.get(2).epochNanos() - frames.get(0).epochNanos()).isEqualTo(2_000_000_000L);
    }

    /** {@code tcpdump -nn -e -vv -r FILE}; skips, saying why, where tcpdump is missing (.ci/run installs it). */
    static String tcpdump(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("tcpdump", "-nn", "-e", "-vv", "-r", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("SKIPPED: tcpdump is not installed: " + e.getMessage());
            org.junit.jupiter.api.Assumptions.abort("tcpdump is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
