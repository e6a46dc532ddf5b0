package io.nslab.kernel.isolation;

import io.nslab.kernel.KernelTestSupport;
import io.nslab.model.Hostname;
import io.nslab.model.IpAddress;
import io.nslab.model.Isolation;
import io.nslab.model.Limits;
import io.nslab.model.NamespaceKind;
import io.nslab.netlink.NamedNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts that start a node are constant text and get every value as an argument: a state directory and a
 * namespace directory whose names hold a quote, a space, {@code $(...)}, backquotes and {@code ;} start a node as
 * any other would, and nothing in those names runs.
 */
class NodeIsolationArgumentsTest {
    private static final String HOSTILE = "it's a $(touch PWNED) ;x`touch PWNED2`";

    @TempDir
    Path tmp;

    @Test
    void pathsWithShellSyntaxInThemAreOnlyPaths() throws Exception {
        try (KernelTestSupport support = KernelTestSupport.create()) {
            Path nsDir = support.directory().resolve(HOSTILE);
            NamedNamespaces names = NamedNamespaces.at(nsDir);
            Path labDir = tmp.resolve(HOSTILE).resolve("lab");
            String lab = "argtest" + ProcessHandle.current().pid();
            NodeIsolation node = new NodeIsolation(labDir, lab, "n1");
            try {
                names.create("n1").close();
                Path netns = nsDir.resolve("n1");
                Isolation isolation = new Isolation(EnumSet.of(NamespaceKind.UTS, NamespaceKind.PID, NamespaceKind.MOUNT,
                        NamespaceKind.CGROUP), Optional.of(Hostname.of("web-1.lab")), 0, 0,
                        new Limits(java.util.OptionalLong.empty(), java.util.OptionalInt.empty(), java.util.OptionalInt.empty(),
                                java.util.OptionalInt.of(64)),
                        true, List.of(IpAddress.parse("10.9.9.9")));
                node.start(netns, isolation, "10.0.0.1 n1\n");

                assertThat(inside(node, netns, "hostname")).isEqualTo("web-1.lab");
                assertThat(inside(node, netns, "cat /etc/hosts")).isEqualTo("10.0.0.1 n1");
                assertThat(inside(node, netns, "cat /etc/resolv.conf")).isEqualTo("nameserver 10.9.9.9");
                assertThat(inside(node, netns, "cat /proc/1/comm")).isEqualTo("perl");
                assertThat(node.holder()).isPresent();
                assertThat(node.cgroupProcs()).isNotEmpty().allSatisfy(f -> assertThat(Path.of(f)).exists());
                // joined the node's cgroups (the paths were arguments too), seen from its own cgroup namespace as its root
                assertThat(inside(node, netns, "cat /proc/self/cgroup").lines().toList()).allSatisfy(l -> assertThat(l).endsWith(":/"));
            } finally {
                node.stop();
                NodeIsolation.releaseDirectory(labDir);
                names.list().forEach(names::delete);
                names.removeDirectory();
            }
            assertThat(NodeIsolation.isMountPoint(labDir.resolve("nodes"))).as("the nodes directory is unmounted").isFalse();
            assertThat(labDir.resolve("nodes")).doesNotExist();
            for (Path where : List.of(tmp, support.directory(), Path.of("").toAbsolutePath(), labDir.getParent())) {
                try (Stream<Path> files = Files.walk(where)) {
                    assertThat(files.map(p -> p.getFileName().toString())).as("nothing ran from a name, under " + where)
                            .noneMatch(n -> n.equals("PWNED") || n.equals("PWNED2"));
                }
            }
        }
    }

    @Test
    void mountinfoEscapesAreUndone() {
        assertThat(MountInfo.unescape("/tmp/it's\\040a\\011b\\134c")).isEqualTo("/tmp/it's a\tb\\c");
        assertThat(MountInfo.unescape("/sys/fs/cgroup")).isEqualTo("/sys/fs/cgroup");
        assertThat(MountInfo.unescape("/a\\04")).isEqualTo("/a\\04");
        assertThat(MountInfo.mountPoint("36 35 98:0 /mnt1 /mnt\\0402 rw,noatime master:1 - ext3 /dev/root rw"))
                .isEqualTo("/mnt 2");
    }

    private static String inside(NodeIsolation node, Path netns, String script) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(node.joinCgroupsThenExec());
        argv.addAll(node.nsenterArgs(netns));
        argv.addAll(List.of("--", "/bin/sh", "-c", script));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }
}
