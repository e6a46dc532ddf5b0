package io.nslab.cli;

import io.nslab.kernel.Privilege;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench/kernel/mininet-bench.sh runs Mininet, whose cleanup ({@code mn -c}) kills processes by name and deletes
 * /tmp/*.log: only ever in network, mount and PID namespaces of its own, with a private /tmp. Checked with a fake
 * {@code mn} that does what Mininet's cleanup does, aimed at a sentinel process and a sentinel file of this test
 * (so that nothing else could be hit even if the containment failed): both must survive, and the fake must find
 * itself in another PID and network namespace. Without Mininet the script runs nothing. Needs root.
 */
class MininetBenchTest {
    private static final Path SCRIPT = Path.of("../bench/kernel/mininet-bench.sh").toAbsolutePath().normalize();

    @Test
    void saysSoAndRunsNothingWithoutMininet() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "mininet-bench-test-" + UUID.randomUUID()).toAbsolutePath());
        try {
            // a PATH with what the script needs before it looks for mn, and no mn; an nslab that leaves a mark
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname"));
            Path marker = dir.resolve("nslab-was-run");
            Path fakeNslab = dir.resolve("nslab");
            Files.writeString(fakeNslab, "#!/bin/bash\ntouch " + marker + "\n");
            Files.setPosixFilePermissions(fakeNslab, PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", SCRIPT.toString(), "2").redirectErrorStream(true);
            pb.environment().put("PATH", bin.toString());
            pb.environment().put("NSLAB", fakeNslab.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("Mininet is not installed (apt-get install mininet bridge-utils): nothing was run\n");
            assertThat(p.exitValue()).isEqualTo(3);
            assertThat(marker).doesNotExist();
        } finally {
            delete(dir);
        }
    }

    @Test
    void mininetAndItsCleanupRunInAWorldOfTheirOwn() throws Exception {
        if (Privilege.missing() != null) {
            System.out.println("MininetBenchTest: skipped: " + Privilege.missing());
            return;
        }
        // the fake mn and its log must be where the contained world still sees them: not under /tmp, which it hides
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "nslab-mn-bench-test-");
        String sentinel = "nslab-mn-sentinel-" + UUID.randomUUID();
        Path hostFile = Path.of("/tmp", sentinel + ".log");
        Process victim = new ProcessBuilder("bash", "-c", "exec -a " + sentinel + " sleep 600").start();
        try {
            Files.writeString(hostFile, "must survive\n");
            Path log = dir.resolve("mn.log");
            Path mn = dir.resolve("bin/mn");
            Files.createDirectories(mn.getParent());
            Files.writeString(mn, String.join("\n",
                    "#!/bin/bash",
                    "{ echo \"args: $*\"; echo \"pid: $$\"; echo \"pidns: $(readlink /proc/self/ns/pid)\";",
                    "  echo \"netns: $(readlink /proc/self/ns/net)\"; echo \"home: $HOME\";",
                    "  echo \"tmp: $(ls -A /tmp | tr '\\n' ' ')\"; } >> " + log,
                    "if [ \"$1\" = -c ]; then",
                    "  # what Mininet's cleanup does, aimed at this test's sentinels only",
                    "  pkill -9 -f " + sentinel + " && echo 'killed a sentinel' >> " + log + " || echo 'pkill: none' >> " + log,
                    "  rm -f /tmp/" + sentinel + ".log",
                    "fi",
                    ""));
            Files.setPosixFilePermissions(mn, PosixFilePermissions.fromString("rwxr-xr-x"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "2").redirectErrorStream(true);
            pb.environment().put("PATH", mn.getParent() + ":" + System.getenv("PATH"));
            pb.environment().put("NSLAB", String.join(" ", java, "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                    "io.nslab.cli.Main"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).matches("2 hosts: nslab up\\+down \\d+\\.\\d\\d s, mininet build\\+teardown \\d+\\.\\d\\d s, ratio \\d+\\.\\dx\n");

            assertThat(victim.isAlive()).as("the host's process of that name").isTrue();
            assertThat(hostFile).as("the host's /tmp file of that name").exists();
            List<String> seen = Files.readAllLines(log);
            String hostPidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            String hostNetNs = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            assertThat(seen).contains("args: --topo single,2 --switch lxbr --controller none --test none", "args: -c",
                    "pkill: none", "home: /tmp/home");
            assertThat(seen).filteredOn(l -> l.startsWith("pidns: ")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).isNotEqualTo("pidns: " + hostPidNs));
            assertThat(seen).filteredOn(l -> l.startsWith("netns: ")).hasSize(2)
                    .allSatisfy(l -> assertThat(l).isNotEqualTo("netns: " + hostNetNs));
            assertThat(seen).filteredOn(l -> l.startsWith("tmp: ")).allSatisfy(l -> assertThat(l).doesNotContain(sentinel));
        } finally {
            victim.destroyForcibly();
            victim.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(hostFile);
            delete(dir);
        }
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
