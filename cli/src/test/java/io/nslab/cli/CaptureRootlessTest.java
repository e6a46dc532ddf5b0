package io.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rootless lab's user captures its interfaces: the capture runs inside the labs' holder, where that user is root of
 * the user namespace that owns the lab's network namespaces. Runs where the test may become nobody (CI is root).
 */
class CaptureRootlessTest {
    @TempDir
    Path tmp;

    @Test
    void nobodyCapturesThePingOfTheirOwnLab() throws Exception {
        String why = NobodyRun.whyNot();
        if (why != null) {
            System.out.println("CaptureRootlessTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path xdg = NobodyRun.in(work, Map.of()).ownDirectory("xdg");
        NobodyRun nobody = NobodyRun.in(work, Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        NobodyRun other = NobodyRun.in(Files.createDirectory(tmp.resolve("other")), Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        Path lab = work.resolve("seed.yaml");
        Files.writeString(lab, Files.readString(Path.of("../examples/seed.yaml")).replaceAll("(?s)\nchecks:.*", "\n"));
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rw-r--r--"));
        NobodyRun.Result up = nobody.run("up", "seed.yaml");
        assertThat(up.exit()).as(up.both()).isZero();
        Process capture = null;
        try {
            capture = nobody.start(List.of(), List.of("capture", "seed", "ns2:v2", "-c", "2", "--filter", "icmp"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8).contains("listening on")) {
                assertThat(capture.isAlive()).as(Files.readString(work.resolve("err.txt"))).isTrue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
            NobodyRun.Result ping = other.run("ping", "ns1", "10.10.20.2", "-c", "1");
            assertThat(ping.exit()).as(ping.both()).isZero();
            NobodyRun.Result captured = nobody.finish(capture, "nslab capture");
            assertThat(captured.exit()).as(captured.both()).isZero();
            assertThat(captured.err()).contains("2 packets captured");
            assertThat(captured.out()).contains("ns2:v2 In  IP 10.10.10.2 > 10.10.20.2: ICMP echo request", "ttl 63")
                    .contains("ns2:v2 Out IP 10.10.20.2 > 10.10.10.2: ICMP echo reply");
        } finally {
            if (capture != null) {
                capture.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                capture.destroyForcibly();
            }
            NobodyRun.Result down = other.run("down", "seed");
            assertThat(down.exit()).as(down.both()).isZero();
        }
    }
}
