package io.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nslab.capture.PcapngFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code nslab capture} on the kernel: iputils ping captured on both ends of a veth (and beyond the router), read back by
 * tcpdump and compared with what {@code ping --sim --pcap} writes for the same ping; -c, --filter, -w - and SIGTERM.
 */
class CaptureKernelTest extends KernelWorld {
    /** seed.yaml without checks (which would fill the ARP caches before the capture), the first link's MACs fixed. */
    private static final String LAB = """
            name: capt
            netns-prefix: ""
            nodes:
              ns1:
                routes: [10.10.20.0/24 via 10.10.10.1]
              router:
                forwarding: true
              ns2:
                routes: [10.10.10.0/24 via 10.10.20.1]
            links:
              - endpoints:
                  - {node: ns1, interface: v1, addresses: [10.10.10.2/24], mac: "02:00:00:00:01:01"}
                  - {node: router, interface: v1_r, addresses: [10.10.10.1/24], mac: "02:00:00:00:01:02"}
              - endpoints: ["ns2:v2 10.10.20.2/24", "router:v2_r 10.10.20.1/24"]
            """;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endCaptures() {
        started.forEach(Process::destroyForcibly);
    }

    private Path upLab() throws IOException {
        Path lab = tmp.resolve("capt.yaml");
        Files.writeString(lab, LAB);
        CliRun up = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(up.exitCode()).as(up.err()).isZero();
        return lab;
    }

    /** Starts {@code nslab capture ARGS} in a JVM of its own and waits until it listens; stderr goes to {@code log}. */
    private Process capture(Path log, Path stdout, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("capture"));
        all.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(CliProcess.command(kernel.args(all.toArray(new String[0]))))
                .redirectError(log.toFile()).redirectOutput(stdout.toFile());
        Process p = pb.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("listening on")) {
            assertThat(p.isAlive()).as("capture ended before listening: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("capture did not start listening in 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        return p;
    }

    private void ping(String from, String to, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + kernel.support.directory().resolve(from), "ping", "-n"));
        cmd.addAll(List.of(options));
        cmd.add(to);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static String stop(Process p, Path log) throws Exception {
        p.destroy(); // SIGTERM: the capture stops as at Ctrl-C, with its summary
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(log);
        assertThat(p.exitValue()).as(err).isZero();
        return err;
    }

    @Test
    void pingOnBothEndsOfAVethIsWhatTcpdumpReadsAndWhatTheSimulatorWrites() throws Exception {
        Path lab = upLab();
        Path[] logs = {tmp.resolve("a.log"), tmp.resolve("b.log"), tmp.resolve("c.log")};
        Path[] files = {tmp.resolve("ns1-v1.pcapng"), tmp.resolve("router-v1_r.pcapng"), tmp.resolve("ns2-v2.pcapng")};
        Process a = capture(logs[0], tmp.resolve("a.out"), "capt", "ns1:v1", "-w", files[0].toString());
        Process b = capture(logs[1], tmp.resolve("b.out"), "capt", "router:v1_r", "-w", files[1].toString());
        Process c = capture(logs[2], tmp.resolve("c.out"), "capt", "ns2:v2", "-w", files[2].toString());
        ping("ns1", "10.10.20.2", "-c", "2", "-i", "0.2");
        Thread.sleep(200);
        String summary = stop(a, logs[0]);
        stop(b, logs[1]);
        stop(c, logs[2]);
        assertThat(summary).containsPattern("(?m)^\\d+ packets captured$").contains("packets received by filter", "0 packets dropped by kernel");

        String near = tcpdump(files[0]);
        assertThat(near).contains("Request who-has 10.10.10.1 tell 10.10.10.2", "Reply 10.10.10.1 is-at 02:00:00:00:01:02",
                "10.10.10.2 > 10.10.20.2: ICMP echo request", "10.10.20.2 > 10.10.10.2: ICMP echo reply");
        assertThat(near).containsPattern("ttl 64, .*\\n\\s+10.10.10.2 > 10.10.20.2: ICMP echo request, id \\d+, seq 1")
                .containsPattern("ttl 63, .*\\n\\s+10.10.20.2 > 10.10.10.2: ICMP echo reply, id \\d+, seq 2");
        assertThat(tcpdump(files[2])).containsPattern("ttl 63, .*\\n\\s+10.10.10.2 > 10.10.20.2: ICMP echo request, id \\d+, seq 2")
                .containsPattern("ttl 64, .*\\n\\s+10.10.20.2 > 10.10.10.2: ICMP echo reply, id \\d+, seq 1");

        Path sim = tmp.resolve("sim");
        CliRun simulated = CliRun.of("ping", "--sim", "-l", lab.toString(), "-c", "2", "-i", "0.2", "ns1", "10.10.20.2", "--pcap", sim.toString());
        assertThat(simulated.exitCode()).as(simulated.err()).isZero();
        for (int i = 0; i < 3; i++) {
            boolean macsFixed = i < 2; // the lab fixes the first link's MACs; the kernel makes up the others
            List<String> kernelSaw = PcapngFrames.summary(PcapngFrames.read(files[i]), macsFixed);
            List<String> simSaw = PcapngFrames.summary(PcapngFrames.read(sim.resolve(files[i].getFileName())), macsFixed);
            assertThat(kernelSaw).as(files[i].getFileName().toString()).hasSize(6).isEqualTo(simSaw);
        }
    }

    @Test
    void countFilterAndStandardOutputStream() throws Exception {
        upLab();
        // -c with --filter icmp: the ARP exchange is not counted, the capture ends by itself after request and reply
        Process counted = capture(tmp.resolve("n.log"), tmp.resolve("n.out"), "capt", "router:v2_r", "-c", "2", "--filter", "icmp");
        // -w -: pcapng on standard output, a block at a time; --filter arp keeps the exchange only
        Process streamed = capture(tmp.resolve("s.log"), tmp.resolve("s.pcapng"), "capt", "ns2:v2", "-w", "-", "-c", "2", "--filter", "arp");
        ping("ns1", "10.10.20.2", "-c", "1");
        assertThat(counted.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(streamed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(counted.exitValue()).isZero();
        assertThat(Files.readString(tmp.resolve("n.log"))).contains("2 packets captured");
        List<String> lines = Files.readAllLines(tmp.resolve("n.out"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("router:v2_r Out IP 10.10.10.2 > 10.10.20.2: ICMP echo request", "ttl 63");
        assertThat(lines.get(1)).contains("router:v2_r In  IP 10.10.20.2 > 10.10.10.2: ICMP echo reply", "ttl 64");
        assertThat(streamed.exitValue()).isZero();
        assertThat(PcapngFrames.summary(PcapngFrames.read(tmp.resolve("s.pcapng")), false))
                .containsExactly("in ARP op 1 10.10.20.1 > 10.10.20.2", "out ARP op 2 10.10.20.2 > 10.10.20.1");
        assertThat(tcpdump(tmp.resolve("s.pcapng"))).contains("Request who-has 10.10.20.2 tell 10.10.20.1");
    }

    @Test
    void unknownNodeOrInterfaceIsBadInputNamingIt() throws Exception {
        upLab();
        CliRun node = CliRun.of(kernel.args("capture", "capt", "ns9:v1"));
        assertThat(node.exitCode()).isEqualTo(2);
        assertThat(node.err()).contains("ns9");
        CliRun iface = CliRun.of(kernel.args("capture", "capt", "ns1:v9"));
        assertThat(iface.exitCode()).isEqualTo(2);
        assertThat(iface.err()).contains("node ns1 has no interface \"v9\"", "its interfaces: lo, v1");
        CliRun shape = CliRun.of(kernel.args("capture", "capt", "ns1"));
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("\"ns1\" is not NODE:IFACE");
        CliRun filter = CliRun.of(kernel.args("capture", "capt", "ns1:v1", "--filter", "ip6"));
        assertThat(filter.exitCode()).isEqualTo(2);
        assertThat(filter.err()).contains("unknown capture filter \"ip6\"");
    }

    /** Root without CAP_NET_RAW (dropped from the bounding set before the JVM starts) may enter the node but not capture. */
    @Test
    void withoutCapNetRawItIsEnvironmentAndSaysWhichCapability() throws Exception {
        upLab();
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw", "--"));
        cmd.addAll(CliProcess.command(kernel.args("capture", "capt", "ns1:v1", "-c", "1")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("socket(AF_PACKET, SOCK_RAW): EPERM", "needs CAP_NET_RAW");
    }

    private static String tcpdump(Path file) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-nn", "-e", "-v", "-r", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
