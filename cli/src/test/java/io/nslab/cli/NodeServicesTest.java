package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's exec commands and services on the kernel: started by up in the node's namespaces, their output in logs
 * under the lab's state directory, shown by status, left alone or restarted by a later up as the file says, and
 * stopped by down (or cleanup), by process group, with nothing left, also after a kill -9 of up.
 */
class NodeServicesTest extends KernelWorld {
    private static final Pattern STARTED = Pattern.compile("service (\\S+): (?:started|restarted \\([^)]*\\)), pid (\\d+), log ");

    private static String lab(String ticker) {
        return """
                name: svc
                netns-prefix: "svct-"
                nodes:
                  a:
                    exec: ["echo exec in $(cat /proc/sys/net/ipv4/ip_forward) $NSLAB_NODE", "ip -br link"]
                  b:
                    namespaces: [uts, pid]
                    hostname: web
                    services:
                      ticker: %s
                      http: {command: "python3 -m http.server 8080 --bind 10.0.7.2 --directory /usr/share"}
                links:
                  - endpoints: ["a:eth0 10.0.7.1/24", "b:eth0 10.0.7.2/24"]
                """.formatted(ticker);
    }

    private static int pidOf(String service, String out) {
        Matcher m = STARTED.matcher(out);
        while (m.find()) {
            if (m.group(1).equals(service)) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new AssertionError("no pid of " + service + " in: " + out);
    }

    private Path file(String ticker) throws IOException {
        Path f = tmp.resolve("svc.yaml");
        Files.writeString(f, lab(ticker));
        return f;
    }

    @Test
    void upStartsDownStopsAndUpLeavesAloneOrRestarts() throws Exception {
        Path f = file("\"echo $(hostname) $$; while :; do echo tick; sleep 0.2; done\"");
        CliRun up = CliRun.of(kernel.args("up", f.toString()));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("node a: 2 exec commands run, output in ");
        int ticker = pidOf("b/ticker", up.out());
        int http = pidOf("b/http", up.out());
        assertThat(ProcessGroups.alive(ticker)).isTrue();
        // the service's process is in the node's network namespace, not the host's
        long netns = (long) Files.getAttribute(kernel.support.directory().resolve("svct-b"), "unix:ino");
        assertThat((long) Files.getAttribute(Path.of("/proc/" + ticker + "/ns/net"), "unix:ino")).isEqualTo(netns);

        waitFor(() -> CliRun.of(kernel.args("logs", "b/ticker")).out().contains("tick\n"), "the ticker's first tick");
        String log = CliRun.of(kernel.args("logs", "b/ticker")).out();
        assertThat(log.lines().findFirst().orElseThrow()).as("its own hostname and PID namespace (a small pid)").matches("web \\d{1,3}");
        String execLog = CliRun.of(kernel.args("logs", "a")).out();
        assertThat(execLog).startsWith("$ echo exec in $(cat /proc/sys/net/ipv4/ip_forward) $NSLAB_NODE\nexec in 0 a\n$ ip -br link\n")
                .contains("eth0@");
        assertThat(CliRun.of(kernel.args("status", "svc")).out()).contains("service b/ticker: running, pid " + ticker + ", log ",
                "service b/http: running, pid " + http + ", log ");

        // the HTTP server answers from inside the lab
        waitFor(() -> inNode("svct-a", "curl", "-s", "--max-time", "5", "http://10.0.7.2:8080/").contains("Directory listing for /"),
                "the HTTP server's answer (python3 starts in a second or so)");
        waitFor(() -> CliRun.of(kernel.args("logs", "b/http")).out().contains("\"GET / HTTP/1.1\" 200"), "the request in http's log");

        CliRun again = CliRun.of(kernel.args("up", f.toString()));
        assertThat(again.out()).startsWith("lab svc is up to date").doesNotContain("service ", "exec command");
        assertThat(ProcessGroups.alive(ticker)).isTrue();

        Files.writeString(f, lab("\"while :; do echo tock; sleep 0.2; done\""));
        CliRun edited = CliRun.of(kernel.args("up", f.toString()));
        assertThat(edited.exitCode()).as(edited.out() + edited.err()).isZero();
        assertThat(edited.out()).contains("service b/ticker: restarted (command changed), pid ").doesNotContain("b/http");
        int tocker = pidOf("b/ticker", edited.out());
        assertThat(tocker).isNotEqualTo(ticker);
        assertThat(ProcessGroups.alive(ticker)).as("the old ticker's group").isFalse();
        assertThat(ProcessGroups.alive(http)).as("http, unchanged, untouched").isTrue();

        Files.writeString(f, lab("\"while :; do echo tock; sleep 0.2; done\"").replace("      http: {command: \"python3 -m http.server 8080 --bind 10.0.7.2 --directory /usr/share\"}\n", ""));
        CliRun less = CliRun.of(kernel.args("up", f.toString()));
        assertThat(less.out()).contains("service b/http: stopped (no longer in the lab file)");
        assertThat(ProcessGroups.alive(http)).isFalse();

        CliRun down = CliRun.of(kernel.args("down", "svc"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).startsWith("service b/ticker: stopped\n");
        assertThat(ProcessGroups.alive(tocker)).isFalse();
        assertThat(tmp.resolve("state/svc")).doesNotExist();
    }

    /** kill -9 of up while a service runs and an exec command is under way; then down or cleanup leaves no process. */
    @Test
    void aKilledUpLeavesNothingThatDownOrCleanupCannotStop() throws Exception {
        for (String remover : List.of("down", "cleanup")) {
            Path f = tmp.resolve("kill.yaml");
            Files.writeString(f, """
                    name: killsvc
                    netns-prefix: "svck-"
                    nodes:
                      a:
                        services:
                          loop: "while :; do sleep 0.1; done"
                      b:
                        exec: ["sleep 60"]
                    links:
                      - endpoints: ["a:eth0 10.0.8.1/24", "b:eth0 10.0.8.2/24"]
                    """);
            Process up = CliProcess.start(tmp.resolve("up.log"), kernel.args("up", f.toString()));
            Path services = tmp.resolve("state/killsvc/services");
            Path execPid = services.resolve("b/exec.pid");
            waitFor(() -> Files.isRegularFile(execPid) && read(execPid).endsWith("\n"), "b's exec command under way");
            up.destroyForcibly(); // SIGKILL
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int loop = Integer.parseInt(read(services.resolve("a/loop.pid")).strip());
            int exec = Integer.parseInt(read(execPid).strip());
            assertThat(ProcessGroups.alive(loop)).as("the service outlives a killed up").isTrue();
            assertThat(ProcessGroups.alive(exec)).isTrue();

            CliRun removed = CliRun.of(remover.equals("down") ? kernel.args("down", "killsvc") : kernel.args("cleanup"));
            assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
            assertThat(ProcessGroups.alive(loop)).as(remover + " stops the service").isFalse();
            assertThat(ProcessGroups.alive(exec)).as(remover + " stops the exec command").isFalse();
            assertThat(kernel.support.registry().list()).isEmpty();
            assertThat(tmp.resolve("state/killsvc")).doesNotExist();
        }
    }

    @Test
    void theSimulatorSaysItRunsNoProcesses() throws Exception {
        CliRun up = CliRun.of("up", "--sim", file("\"sleep 100\"").toString());
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("(the simulator runs no processes: the exec commands and services of a, b were not run; "
                + "`nslab up` without --sim runs them)");
    }

    private String inNode(String netns, String... command) {
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "--net=" + kernel.support.directory().resolve(netns)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
