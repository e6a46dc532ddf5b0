package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A rootless lab of a user whom /etc/subuid and /etc/subgid grant a subordinate range (issue 19): the holder's user
 * namespace maps it with newuidmap and newgidmap, so root in a node with a user namespace of its own is a uid of that
 * range on the host, not the user, and {@code status} says so (nobody, without a range, keeps one uid: RootlessTest). Runs as the
 * user {@value #USER}, which .ci/run makes with a range; skips with the reason where there is no such user, range or
 * newuidmap, or no root to become the user.
 */
class RootlessSubordinateIdsTest {
    static final String USER = "nslabci";

    @TempDir
    Path tmp;

    private NobodyRun user;
    private Path work;
    private long rangeStart;

    @BeforeEach
    void setUp() throws Exception {
        String why = whyNot();
        if (why != null) {
            System.out.println("RootlessSubordinateIdsTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        String[] pw = passwd().split(":");
        int uid = Integer.parseInt(pw[2]);
        int gid = Integer.parseInt(pw[3]);
        rangeStart = Long.parseLong(Files.readAllLines(Path.of("/etc/subuid")).stream().filter(l -> l.startsWith(USER + ":"))
                .findFirst().orElseThrow().split(":")[1]);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        work = Files.createDirectory(tmp.resolve("work"));
        Path xdg = NobodyRun.as(uid, gid, work, Map.of()).ownDirectory("xdg");
        user = NobodyRun.as(uid, gid, work, Map.of("XDG_RUNTIME_DIR", xdg.toString()));
        Files.writeString(work.resolve("containers-rootless.yaml"), Files.readString(Path.of("../examples/containers.yaml"))
                .lines().filter(l -> !l.contains("limits:")).map(l -> l.replace(", cgroup", "")).reduce("", (a, b) -> a + b + "\n"));
        Files.setPosixFilePermissions(work.resolve("containers-rootless.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        // where the nodes write: anyone may
        Files.setPosixFilePermissions(Files.createDirectory(work.resolve("drop")), PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (user != null) {
            NobodyRun.Result r = user.run("cleanup");
            assertThat(r.exit()).as(r.both()).isZero();
        }
    }

    @Test
    void aNodesOwnUserNamespaceMapsRootToTheUsersSubordinateRange() throws Exception {
        NobodyRun.Result up = user.run("up", "containers-rootless.yaml");
        assertThat(up.exit()).as(up.both()).isZero();
        assertThat(up.out()).contains("0 failed");

        NobodyRun.Result status = user.run("status");
        assertThat(status.out()).as(status.both()).contains("(rootless: uid 0 is ")
                .contains("uids 1-65536 are " + rangeStart + "-" + (rangeStart + 65535))
                .contains("the subordinate range of /etc/subuid");

        Path drop = work.resolve("drop");
        NobodyRun.Result c2 = user.run("exec", "c2", "--", "sh", "-c", "id -u; touch " + drop.resolve("c2") + "; hostname");
        assertThat(c2.exit()).as(c2.both()).isZero();
        assertThat(c2.out().lines().toList()).containsExactly("0", "second");
        NobodyRun.Result plain = user.run("exec", "plain", "--", "touch", drop.resolve("plain").toString());
        assertThat(plain.exit()).as(plain.both()).isZero();
        assertThat(owner(drop.resolve("c2"))).as("root in c2's own user namespace, on the host").isEqualTo(rangeStart);
        assertThat(owner(drop.resolve("plain"))).as("root of the lab, on the host: the user").isEqualTo(uidOf(USER));

        NobodyRun.Result down = user.run("down", "containers");
        assertThat(down.exit()).as(down.both()).isZero();
    }

    static long owner(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    private static long uidOf(String name) throws Exception {
        return Long.parseLong(passwd().split(":")[2]);
    }

    private static String passwd() throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith(USER + ":")).findFirst().orElse("");
    }

    private static String whyNot() throws IOException {
        String why = NobodyRun.whyNot();
        if (why != null) {
            return why;
        }
        if (passwd().isEmpty()) {
            return "no user " + USER + " (.ci/run makes one, with a subordinate range)";
        }
        for (String f : List.of("/etc/subuid", "/etc/subgid")) {
            if (!Files.exists(Path.of(f)) || Files.readAllLines(Path.of(f)).stream().noneMatch(l -> l.startsWith(USER + ":"))) {
                return f + " grants " + USER + " no range";
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/newuidmap")) || !Files.isExecutable(Path.of("/usr/bin/newgidmap"))) {
            return "newuidmap/newgidmap (package uidmap) are not installed";
        }
        return null;
    }
}
