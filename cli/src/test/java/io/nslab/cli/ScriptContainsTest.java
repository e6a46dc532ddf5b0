package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile scripts (src/test/resources/escapes/12-15) run on the simulator, {@code nslab script FILE}, in the
 * canary world of {@link SandboxContainsTest}: rm -rf of the script's directory and of system files, files
 * written in /etc and the working directory, kill -9 -1 with processes left behind, curl and ping to the world
 * outside. Afterwards the world's host name, links, /run, processes and canary files are as they were, and the
 * script's output shows each attempt hitting a wall (or, for the kill, the script going on).
 */
class ScriptContainsTest {
    static final List<List<String>> HOSTILE = List.of(
            List.of("12-rm-rf.sh", "cannot remove './canary': Read-only file system", "cannot remove '/usr/sbin/ip': Read-only file system"),
            List.of("13-touch-etc.sh", "cannot touch '/etc/x': Read-only file system", "cannot touch './escaped-13': Read-only file system"),
            // the simulator is outside the sandbox: the script's kill reaches its own processes only, and it goes on
            // (bash's "Killed" notices for its jobs come or not, as bash reaps them)
            List.of("14-kill-all.sh", "after kill -9 -1\n", "[exit 0]\n"),
            List.of("15-curl.sh", "curl: (", "ping: connect: Network is unreachable"));

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> aHostileScriptOnTheSimulatorChangesNothingOutside() {
        KernelTestSupport.assumePrivileged();
        return HOSTILE.stream().map(h -> DynamicTest.dynamicTest(h.getFirst(), () -> {
            SandboxContainsTest.World world = SandboxContainsTest.World.in(Files.createTempDirectory(tmp, "run"));
            world.run(Sandboxed.nslab() + " script " + h.getFirst());
            world.assertNothingChanged();
            assertThat(world.output(0)).contains(h.get(1), h.get(2));
        }));
    }

    /**
     * What a script writes to stdout and stderr reaches a file they share in the order bash wrote it, on the
     * simulator and on the kernel: a message written in pieces ({@code touch}'s "cannot touch 'x'" and then
     * ": Read-only file system") is never split by an echo.
     */
    @org.junit.jupiter.api.Test
    void stdoutAndStderrKeepTheirOrder() throws Exception {
        KernelTestSupport.assumePrivileged();
        SandboxContainsTest.World world = SandboxContainsTest.World.in(tmp);
        Files.writeString(tmp.resolve("canary/order.sh"), "for i in $(seq 1 300); do printf 'e%d' \"$i\" >&2; echo \"o$i\"; done\n");
        world.run(Sandboxed.nslab() + " script order.sh", Sandboxed.nslab() + " script --kernel order.sh");
        String expected = java.util.stream.IntStream.rangeClosed(1, 300).mapToObj(i -> "e" + i + "o" + i + "\n")
                .collect(java.util.stream.Collectors.joining()) + "[exit 0]\n";
        assertThat(world.output(0)).as("on the simulator").isEqualTo(expected);
        assertThat(world.output(1)).as("on the kernel").isEqualTo(expected);
    }
}
