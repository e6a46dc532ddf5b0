package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel commands of a user who is not root, with no lab running: they answer from a user namespace of the
 * moment (rootless, docs/kernel-world.md) and leave nothing, and bad input is still bad input first. Needs root to
 * become nobody (through {@code setpriv}).
 */
class UnprivilegedTest {

    @Test
    void withNoLabRunningNobodysKernelCommandsAnswerAndLeaveNothing(@TempDir Path tmp) throws Exception {
        String why = NobodyRun.whyNot();
        if (why != null) {
            System.out.println("UnprivilegedTest skipped: " + why);
            return;
        }
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path xdg = NobodyRun.in(work, Map.of()).ownDirectory("xdg");
        NobodyRun nobody = NobodyRun.in(work, Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        Path lab = work.resolve("seed.yaml");
        Files.copy(Path.of("../examples/seed.yaml"), lab);
        Files.setPosixFilePermissions(lab, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        // plan exited 3 here before rootless labs, and earlier still 0 with a plan for the host's namespaces
        NobodyRun.Result plan = nobody.run("plan", "seed.yaml");
        assertThat(plan.exit()).as(plan.both()).isZero();
        assertThat(plan.out()).contains("ip netns add ns1");

        NobodyRun.Result status = nobody.run("status");
        assertThat(status.exit()).as(status.both()).isZero();
        assertThat(status.out()).contains("no labs running");

        NobodyRun.Result down = nobody.run("down", "seed");
        assertThat(down.exit()).as(down.both()).isNotZero();
        assertThat(down.err()).contains("no lab \"seed\" is running");

        // bad input is still bad input first
        NobodyRun.Result bad = nobody.run("plan", "missing.yaml");
        assertThat(bad.exit()).as(bad.both()).isEqualTo(2);

        try (Stream<Path> s = Files.walk(xdg.resolve("nslab"))) {
            assertThat(s.map(xdg.resolve("nslab")::relativize).map(Path::toString).filter(p -> !p.isEmpty()).sorted().toList())
                    .as("no holder was started, nothing recorded").containsExactly("netns", "state");
        }
    }
}
