package io.nslab.netlink;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The qdisc requests against iproute2's own: {@code tc} runs under strace in a throwaway network namespace
 * ({@code unshare --net}), and the RTM_NEWQDISC it sends must equal ours byte for byte but for the sequence number
 * and port id. netem is compared too where the kernel refuses it (the request is sent before the refusal).
 */
class QdiscTcBytesTest {

    /** The first RTM_NEWQDISC or RTM_DELQDISC that {@code tc ARGS} sends on lo of a throwaway namespace. */
    static byte[] tcRequest(String... tcArgs) throws Exception {
        TestWorld.assumePrivileged();
        Assumptions.assumeTrue(onPath("strace") && onPath("tc") && onPath("unshare"), "needs strace, tc and unshare");
        Path trace = Files.createTempFile("nslab-tc-", ".trace");
        try {
            List<String> argv = new java.util.ArrayList<>(List.of("unshare", "--net", "strace", "-f", "-qq", "-e", "trace=sendmsg",
                    "-e", "write=all", "-o", trace.toString(), "tc"));
            argv.addAll(List.of(tcArgs));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return firstQdiscMessage(Files.readAllLines(trace, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** Reads strace's hex dumps ({@code | 00000  4c 00 00 00 24 00 ...}) into messages; returns the first of type 36 or 37. */
    static byte[] firstQdiscMessage(List<String> lines) {
        ByteArrayOutputStream current = null;
        for (String line : lines) {
            if (line.startsWith(" * ")) {
                byte[] done = current == null ? null : current.toByteArray();
                if (done != null && done.length >= 16 && (done[4] == 36 || done[4] == 37)) {
                    return done;
                }
                current = new ByteArrayOutputStream();
            } else if (line.startsWith(" | ") && current != null) {
                String hex = line.substring(10, Math.min(line.length(), 59)).replace(" ", "");
                current.writeBytes(HexFormat.of().parseHex(hex));
            }
        }
        byte[] last = current == null ? new byte[0] : current.toByteArray();
        assertThat(last.length).as("tc sent a qdisc request").isGreaterThanOrEqualTo(16);
        return last;
    }

    static void assertSame(byte[] tc, Request ours) {
        byte[] mine = ours.bytes(0, io.nslab.netlink.msg.NetlinkFlags.ACK);
        assertThat(mine.length).as("length").isEqualTo(tc.length);
        assertThat(Arrays.copyOfRange(mine, 0, 8)).as("length, type, flags").isEqualTo(Arrays.copyOfRange(tc, 0, 8));
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(mine, 16, mine.length)))
                .isEqualTo(HexFormat.of().formatHex(Arrays.copyOfRange(tc, 16, tc.length)));
    }

    @Test
    void tbfIsTheRequestTcSends() throws Exception {
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "tbf", "rate", "8mbit", "burst", "32kb", "latency", "50ms"),
                QdiscCodec.tbf(1, 1_000_000, 32 * 1024, 50_000));
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "tbf", "rate", "1mbit", "burst", "10kb", "latency", "100ms"),
                QdiscCodec.tbf(1, 125_000, 10 * 1024, 100_000));
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "tbf", "rate", "100mbit", "burst", "64kb", "latency", "20ms"),
                QdiscCodec.tbf(1, 12_500_000, 64 * 1024, 20_000));
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "tbf", "rate", "333kbit", "burst", "1600", "latency", "7ms"),
                QdiscCodec.tbf(1, 333_000 / 8, 1600, 7_000));
    }

    @Test
    void netemDelayIsTheRequestTcSends() throws Exception {
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "netem", "delay", "100ms", "10ms"),
                QdiscCodec.netemDelay(1, 100_000, 10_000));
        assertSame(tcRequest("qdisc", "replace", "dev", "lo", "root", "netem", "delay", "3ms", "0ms"),
                QdiscCodec.netemDelay(1, 3_000, 0));
    }

    @Test
    void deleteIsTheRequestTcSends() throws Exception {
        assertSame(tcRequest("qdisc", "del", "dev", "lo", "root"), QdiscCodec.deleteRoot(1));
    }

    @Test
    void aTbfInstalledHereIsTheOneTcShows() throws Exception {
        try (TestWorld w = new TestWorld()) {
            Netlink nl = w.namespace("tbf");
            nl.qdiscs().replaceTbf("lo", 8_000_000, 32 * 1024, Duration.ofMillis(50));
            String shown = w.names.open("tbf").call(() -> {
                Process p = new ProcessBuilder("tc", "qdisc", "show", "dev", "lo").redirectErrorStream(true).start();
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            });
            assertThat(shown).containsPattern("qdisc tbf [0-9a-f]+: root refcnt 2 rate 8Mbit burst 32Kb lat 50ms"); // handle: the kernel's
            nl.qdiscs().deleteRoot("lo");
        }
    }
}
