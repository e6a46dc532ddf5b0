package io.nslab.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exec} never runs a command in the enclosing world's namespaces: when a namespace file of the node is
 * missing or is no namespace (as a killed {@code down} leaves it), it refuses with exit 3 and runs nothing.
 */
class ExecFailsClosedTest extends KernelWorld {
    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                name: shut
                nodes:
                  a:
                    namespaces: [uts, ipc]
                  b: {}
                links:
                  - endpoints: ["a:eth0 10.9.0.1/24", "b:eth0 10.9.0.2/24"]
                """);
        CliRun up = CliRun.of(kernel.args("up", tmp.resolve("lab.yaml").toString()));
        assertThat(up.exitCode()).as(up.err()).isZero();
    }

    private CliRun touchIn(String node, Path marker) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("exec"));
        args.addAll(java.util.List.of(kernel.options));
        args.addAll(java.util.List.of(node, "--", "touch", marker.toString()));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void aNodeWithAllItsNamespacesRunsTheCommand() {
        Path marker = tmp.resolve("ran");
        assertThat(touchIn("a", marker).exitCode()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void anUnmountedNamespaceFileOfTheNodeIsRefused() throws Exception {
        Path uts = tmp.resolve("state/shut/nodes/a/uts");
        assertThat(Files.isRegularFile(uts)).isTrue();
        umount(uts);
        Path marker = tmp.resolve("ran");
        CliRun exec = touchIn("a", marker);
        assertThat(exec.exitCode()).isEqualTo(3);
        assertThat(exec.err()).isEqualTo("node \"a\" of lab shut: its namespace file uts (" + uts + ") is missing or no namespace"
                + " (left so by an interrupted down?); nothing was run. Take the lab down (`nslab down shut`) and up again\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aMissingNamespaceFileIsRefused() throws Exception {
        Path ipc = tmp.resolve("state/shut/nodes/a/ipc");
        umount(ipc);
        Files.delete(ipc);
        Path netns = kernel.support.directory().resolve("shut-a");
        umount(netns);
        Path marker = tmp.resolve("ran");
        CliRun exec = touchIn("a", marker);
        assertThat(exec.exitCode()).isEqualTo(3);
        assertThat(exec.err()).startsWith("node \"a\" of lab shut: its namespace files network (" + netns + "), ipc (" + ipc
                + ") are missing or no namespace");
        assertThat(marker).doesNotExist();
        CliRun plain = touchIn("b", marker);
        assertThat(plain.exitCode()).as("the other node is intact").isZero();
    }

    @Test
    void anUnknownNodeIsBadInput() {
        CliRun exec = touchIn("nosuch", tmp.resolve("ran"));
        assertThat(exec.exitCode()).isEqualTo(2);
        assertThat(exec.err()).startsWith("no running lab has a node \"nosuch\"");
    }

    private static void umount(Path f) throws Exception {
        Process p = new ProcessBuilder("umount", f.toString()).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("umount " + f).isZero();
    }
}
