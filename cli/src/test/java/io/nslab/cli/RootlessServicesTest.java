package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 19's "documented way to start a long-running service in a node", rootless: nobody's lab runs an exec command
 * and a service inside the lab's user namespace (up re-runs inside the holder's namespaces), logs and status show
 * them, and down stops the service with nothing of it left. Needs root to become nobody (CI is root).
 */
class RootlessServicesTest {
    @TempDir
    Path tmp;

    @Test
    void nobodysServiceRunsInTheNodeAndDownStopsIt() throws Exception {
        String why = NobodyRun.whyNot();
        if (why != null) {
            System.out.println("RootlessServicesTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        NobodyRun nobody = NobodyRun.in(work, Map.of());
        Path xdg = nobody.ownDirectory("xdg");
        nobody = NobodyRun.in(work, Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        Path lab = work.resolve("svc.yaml");
        Files.writeString(lab, """
                name: rsvc
                nodes:
                  a:
                    exec: "echo exec as $(id -u) in $NSLAB_NODE"
                    services:
                      ticker: "while :; do echo tick; sleep 0.2; done"
                  b: {}
                links:
                  - endpoints: ["a:eth0 10.0.6.1/24", "b:eth0 10.0.6.2/24"]
                """);
        Files.setPosixFilePermissions(lab, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try {
            NobodyRun.Result up = nobody.run("up", "svc.yaml");
            assertThat(up.exit()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).contains("node a: 1 exec command run", "service a/ticker: started, pid ");
            assertThat(services()).as("the service runs, marked").isNotEmpty();
            NobodyRun.Result exec = nobody.run("logs", "a");
            assertThat(exec.out()).as(exec.err()).contains("exec as 0 in a\n"); // root of the lab's user namespace
            String log = "";
            for (int i = 0; i < 100 && !log.contains("tick\n"); i++) {
                Thread.sleep(100);
                log = nobody.run("logs", "a/ticker").out();
            }
            assertThat(log).contains("tick\n");
            assertThat(nobody.run("status", "rsvc").out()).contains("service a/ticker: running, pid ");

            NobodyRun.Result down = nobody.run("down", "rsvc");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
            assertThat(down.out()).contains("service a/ticker: stopped");
            for (int i = 0; i < 200 && !services().isEmpty(); i++) {
                Thread.sleep(25);
            }
            assertThat(services()).as("processes of the service after down").isEmpty();
        } finally {
            List<ProcessHandle> left = services();
            left.forEach(ProcessHandle::destroyForcibly);
            nobody.run("cleanup");
        }
    }

    /** Processes that carry the service's mark (NSLAB_SERVICE=ticker, set by up for the service and what it starts). */
    private static List<ProcessHandle> services() {
        byte[] needle = "NSLAB_SERVICE=ticker\0".getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc/" + p.pid() + "/environ"));
                return new String(env, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1))
                        && !Files.readString(Path.of("/proc/" + p.pid() + "/stat")).contains(") Z ");
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }).toList();
    }
}
