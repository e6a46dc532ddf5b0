package io.nslab.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ping and trace as a user watches them: each line as it comes, and ping's statistics on SIGINT (a real kill -INT of
 * the nslab process), compared with what iputils ping prints when interrupted the same way in the same namespace.
 * Before, nslab printed nothing until the end, and nothing at all when interrupted.
 */
class LiveOutputTest extends KernelWorld {
    private static final String SEED = "../examples/seed.yaml";

    @BeforeEach
    void setUp() throws IOException {
        CliRun up = CliRun.of(kernel.args("up", SEED));
        assertThat(up.exitCode()).as(up.err()).isZero();
    }

    /** A line and when it was read (ns). */
    private record Line(String text, long at) {
    }

    /** Reads the process's stdout line by line; {@code onLine} may signal it; returns the lines once it has ended. */
    private static List<Line> watch(Process p, Predicate<List<Line>> onLine) throws Exception {
        List<Line> lines = new ArrayList<>();
        // a process that does not end is ended, so that the test fails rather than waits for ever
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    threads(p); // seen only in whole-suite runs, twice: what the process was doing when SIGINT did not end it
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String s;
            boolean signalled = false;
            while ((s = r.readLine()) != null) {
                lines.add(new Line(s, System.nanoTime()));
                if (!signalled && onLine.test(lines)) {
                    signalled = true;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        watchdog.interrupt();
        return lines;
    }

    /** The process's threads (jstack), and which signals it ignores and catches, on stderr. */
    private static void threads(Process p) {
        try {
            System.err.println("LiveOutputTest: process " + p.pid() + " still runs after 60 s; "
                    + Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream().filter(l -> l.startsWith("Sig")).toList());
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(), Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            System.err.println(new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            jstack.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("LiveOutputTest: no thread dump: " + e);
        }
    }

    private static void sigint(Process p) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Process nslab(String... args) throws IOException {
        // SIGINT as a user's shell leaves it: in a whole-suite run an earlier in-process test left this JVM ignoring
        // SIGINT (seen: SigIgn 0x80000002 in the child), a child inherits that, and a JVM that starts with SIGINT
        // ignored takes no handler for it (nohup's meaning) -- the ping then ran on after kill -INT
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(CliProcess.command(kernel.args(args)));
        return new ProcessBuilder(command).redirectError(tmp.resolve("err.log").toFile()).start();
    }

    private Process realPing(String node, String... args) throws IOException {
        // stdbuf: iputils' stdout to a pipe is block-buffered, and its lines would come only at its end
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + kernel.support.directory().resolve(node), "stdbuf", "-oL", "ping"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void pingPrintsEachReplyAsItComes() throws Exception {
        Process p = nslab("ping", "-c", "4", "-i", "0.5", "ns1", "ns2");
        List<Line> lines = watch(p, l -> false);
        long end = System.nanoTime();
        assertThat(p.exitValue()).isZero();
        Line first = lines.stream().filter(l -> l.text().startsWith("64 bytes from 10.10.20.2: icmp_seq=1 ")).findFirst().orElseThrow();
        assertThat((end - first.at()) / 1_000_000).as("ms from the first reply printed to the end of a 4-request ping").isGreaterThan(1200);
        assertThat(lines.getFirst().text()).isEqualTo("PING 10.10.20.2 (10.10.20.2) 56(84) bytes of data.");
    }

    @Test
    void sigintPrintsTheStatisticsAsIputilsDoes() throws Exception {
        Predicate<List<Line>> afterThreeReplies = l -> l.stream().filter(x -> x.text().startsWith("64 bytes")).count() == 3;
        Process ours = nslab("ping", "-c", "1000", "-i", "0.2", "ns1", "ns2");
        List<Line> mine = watch(ours, l -> {
            if (afterThreeReplies.test(l)) {
                sigint(ours);
                return true;
            }
            return false;
        });
        assertThat(ours.exitValue()).as("replies came: 0, as iputils").isZero();
        Process real = realPing("ns1", "-i", "0.2", "10.10.20.2");
        List<Line> theirs = watch(real, l -> {
            if (afterThreeReplies.test(l)) {
                sigint(real);
                return true;
            }
            return false;
        });
        assertThat(real.exitValue()).isZero();
        assertThat(masked(mine)).as("nslab's interrupted ping against iputils'").isEqualTo(masked(theirs));
        assertThat(String.join("\n", mine.stream().map(Line::text).toList())).contains("\n\n--- 10.10.20.2 ping statistics ---\n")
                .containsPattern("\\d+ packets transmitted, \\d+ received, 0% packet loss, time \\d+ms\nrtt min/avg/max/mdev = ");
    }

    /**
     * Started with SIGINT ignored ({@code nohup ping &} from a script, {@code trap '' INT}), iputils ping still stops on
     * kill -INT with its statistics: it installs its handler whatever it inherited. nslab's ran on, as a JVM started so
     * registers no handler for SIGINT.
     */
    @Test
    void sigintStopsAPingStartedWithSigintIgnoredAsIputilsDoes() throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        command.addAll(CliProcess.command(kernel.args("ping", "-c", "1000", "-i", "0.2", "ns1", "ns2")));
        Process ours = new ProcessBuilder(command).redirectError(tmp.resolve("err.log").toFile()).start();
        List<Line> mine = watch(ours, l -> {
            if (l.stream().filter(x -> x.text().startsWith("64 bytes")).count() == 2) {
                sigint(ours);
                return true;
            }
            return false;
        });
        assertThat(ours.exitValue()).as(Files.readString(tmp.resolve("err.log"))).isZero();
        assertThat(String.join("\n", mine.stream().map(Line::text).toList())).contains("\n\n--- 10.10.20.2 ping statistics ---\n");
        assertThat(mine.stream().filter(x -> x.text().startsWith("64 bytes")).count()).as("stopped soon after kill -INT").isLessThan(20);
    }

    @Test
    void sigintWithoutRepliesExitsOneAsIputilsDoes() throws Exception {
        Path off = tmp.resolve("off.yaml");
        Files.writeString(off, Files.readString(Path.of(SEED)).replace("forwarding: true", "forwarding: false")
                .replace("name: seed", "name: off").replace("netns-prefix: \"\"", "netns-prefix: \"off-\""));
        assertThat(CliRun.of(kernel.args("up", off.toString())).exitCode()).isEqualTo(1); // its checks fail: no forwarding
        Predicate<List<Line>> afterHeader = l -> l.size() == 1;
        Process ours = nslab("ping", "-l", "off", "-c", "1000", "-i", "0.2", "ns1", "ns2");
        List<Line> mine = watch(ours, l -> {
            if (afterHeader.test(l)) {
                sleep(700);
                sigint(ours);
                return true;
            }
            return false;
        });
        Process real = realPing("off-ns1", "-i", "0.2", "10.10.20.2");
        List<Line> theirs = watch(real, l -> {
            if (afterHeader.test(l)) {
                sleep(700);
                sigint(real);
                return true;
            }
            return false;
        });
        assertThat(ours.exitValue()).isEqualTo(real.exitValue()).isEqualTo(1);
        assertThat(masked(mine)).isEqualTo(masked(theirs));
    }

    /** trace printed all hops at its end; now the router's hop comes at once, before the silent hops' waits. */
    @Test
    void traceStreamsEachHop() throws Exception {
        Process p = nslab("trace", "-m", "8", "ns1", "10.10.20.99");
        List<Line> lines = watch(p, l -> false);
        long end = System.nanoTime();
        assertThat(p.exitValue()).as("the destination never answered").isEqualTo(1);
        assertThat(lines.get(1).text()).startsWith(" 1  10.10.10.1  ");
        assertThat((end - lines.get(1).at()) / 1_000_000).as("ms from the first hop printed to the end").isGreaterThan(1500);
        assertThat(lines.getLast().text()).isEqualTo(" 8  * * *");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Times and counts differ from run to run; the lines and their shape must not. */
    private static List<String> masked(List<Line> lines) {
        return lines.stream().map(Line::text)
                .map(s -> s.replaceAll("time=[0-9.]+ ms", "time=T ms").replaceAll("time [0-9]+ms", "time Tms")
                        .replaceAll("rtt min/avg/max/mdev = [0-9./]+ ms", "rtt = R ms").replaceAll("icmp_seq=\\d+", "icmp_seq=N")
                        .replaceAll("^\\d+ packets transmitted, \\d+ received", "N packets transmitted, N received"))
                .filter(s -> !s.startsWith("64 bytes from") || !s.contains("icmp_seq=N")).toList();
    }
}
