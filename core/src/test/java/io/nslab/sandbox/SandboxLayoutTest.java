package io.nslab.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxLayoutTest {
    /** /root and /srv/private may not be searched by others; everything else may. */
    private static final Set<Path> PRIVATE = Set.of(Path.of("/root"), Path.of("/srv/private"));

    private static SandboxLayout layout(String... paths) {
        return SandboxLayout.of(java.util.Arrays.stream(paths).map(Path::of).toList(), p -> !PRIVATE.contains(p));
    }

    private static List<Path> paths(String... p) {
        return java.util.Arrays.stream(p).map(Path::of).toList();
    }

    @Test
    void pathsOthersCanReachNeedNothing() {
        SandboxLayout l = layout("/work/repo", "/usr/lib/jvm/jdk", "/work/repo/cli/target/nslab.jar", "/");
        assertThat(l.covers()).isEmpty();
        assertThat(l.reveals()).isEmpty();
    }

    @Test
    void aPathBelowAPrivateDirectoryIsRevealedAndTheDirectoryCovered() {
        SandboxLayout l = layout("/root/repo", "/root/.m2/repository/a.jar", "/root/.m2/repository/b.jar", "/srv/private/x/y");
        assertThat(l.covers()).isEqualTo(paths("/root", "/srv/private"));
        assertThat(l.reveals()).isEqualTo(paths("/root/.m2/repository/a.jar", "/root/.m2/repository/b.jar", "/root/repo",
                "/srv/private/x/y"));
    }

    @Test
    void aPathBelowAFreshDirectoryIsRevealedWithoutCover() {
        SandboxLayout l = layout("/tmp/junit1/canary", "/run/user/0/x.sh", "/var/tmp/a", "/dev/shm/b");
        assertThat(l.covers()).isEmpty();
        assertThat(l.reveals()).isEqualTo(paths("/dev/shm/b", "/run/user/0/x.sh", "/tmp/junit1/canary", "/var/tmp/a"));
    }

    @Test
    void theFreshDirectoriesThemselvesStayTheSandboxsOwn() {
        SandboxLayout l = layout("/tmp", "/run", "/root");
        assertThat(l.covers()).isEmpty();
        assertThat(l.reveals()).isEmpty(); // /root: nothing on the way to it is private; it is seen as it is
    }

    @Test
    void aPathBelowAnotherRevealedOneIsNotBoundTwice() {
        SandboxLayout l = layout("/tmp/a/b/c.sh", "/tmp/a", "/tmp/a-b/x");
        assertThat(l.reveals()).isEqualTo(paths("/tmp/a", "/tmp/a-b/x"));
    }

    @Test
    void aPrivateDirectoryBelowACoveredOneIsNotCoveredAgain() {
        SandboxLayout l = SandboxLayout.of(paths("/root/a/b/c"), p -> !p.startsWith("/root"));
        assertThat(l.covers()).isEqualTo(paths("/root"));
        assertThat(l.reveals()).isEqualTo(paths("/root/a/b/c"));
    }
}
