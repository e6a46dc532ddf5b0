package io.nslab.api;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The API on the kernel: real namespaces in a private directory, records in a temporary one. */
class LabsKernelTest {
    @TempDir
    Path state;
    KernelTestSupport support;

    @BeforeEach
    void setUp() throws Exception {
        support = KernelTestSupport.create();
    }

    @AfterEach
    void tearDown() {
        support.close();
    }

    LabOptions options() {
        return Labs.options().netnsDir(support.directory()).stateDir(state);
    }

    @Test
    void twoLabsOfOneFileWithPlainNamesRunSideBySideAndLeaveNothing() throws Exception {
        try (RunningLab a = options().up(LabsSimTest.SEED); RunningLab b = options().up(LabsSimTest.SEED)) {
            assertThat(support.registry().list()).containsExactlyInAnyOrder(a.name() + "-ns1", a.name() + "-router", a.name() + "-ns2",
                    b.name() + "-ns1", b.name() + "-router", b.name() + "-ns2");
            assertThat(a.check()).hasSize(3).allMatch(CheckResult::passed);
            assertThat(b.check()).hasSize(3).allMatch(CheckResult::passed);
            ExecResult r = a.node("ns1").exec("ip", "-br", "-4", "addr", "show", "v1");
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).contains("10.10.10.2/24");
            ExecResult fail = a.node("ns1").exec("sh", "-c", "echo oops >&2; exit 7");
            assertThat(fail.exitCode()).isEqualTo(7);
            assertThat(fail.stderr()).isEqualTo("oops\n");
        }
        assertThat(support.registry().list()).isEmpty();
        try (var s = Files.list(state)) {
            assertThat(s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()).isEmpty();
        }
    }

    @Test
    void javaCodeRunsInsideNodesAnEchoServerInNs2AndAClientInNs1() throws Exception {
        try (RunningLab lab = options().up(LabsSimTest.pair())) {
            long ns1 = support.registry().inode(lab.node("ns1").netns()).orElseThrow();
            assertThat(lab.node("ns1").run(() -> (Long) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino"))).isEqualTo(ns1);
            // bound to ns2's address: only possible inside ns2
            ServerSocket server = lab.node("ns2").run(() -> new ServerSocket(7007, 5, lab.node("ns2").inetAddress()));
            CompletableFuture<Long> serverNetns = new CompletableFuture<>();
            Thread t = lab.node("ns2").newThread(() -> {
                try (server; Socket s = server.accept()) {
                    serverNetns.complete((Long) Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino"));
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    new DataOutputStream(s.getOutputStream()).writeUTF("echo " + in.readUTF());
                } catch (Exception e) {
                    serverNetns.completeExceptionally(e);
                }
            });
            t.start();
            String reply = lab.node("ns1").run(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(lab.node("ns2").inetAddress(), 7007), 2000);
                    new DataOutputStream(s.getOutputStream()).writeUTF("hello");
                    return new DataInputStream(s.getInputStream()).readUTF();
                }
            });
            assertThat(reply).isEqualTo("echo hello");
            t.join(5000);
            assertThat(serverNetns.get(1, TimeUnit.SECONDS)).isEqualTo(support.registry().inode(lab.node("ns2").netns()).orElseThrow());
        }
    }

    @Test
    void aStartedProcessRunsInItsNodeUntilTheLabCloses() throws Exception {
        Process p;
        try (RunningLab lab = options().up(LabsSimTest.pair())) {
            p = lab.node("router").start("sleep", "300");
            long want = support.registry().inode(lab.node("router").netns()).orElseThrow();
            long deadline = System.nanoTime() + 5_000_000_000L;
            long got = -1;
            while (System.nanoTime() < deadline && got != want) { // nsenter execs sleep once it has entered
                got = (Long) Files.getAttribute(Path.of("/proc", Long.toString(p.pid()), "ns", "net"), "unix:ino");
                if (got != want) {
                    Thread.sleep(5);
                }
            }
            assertThat(got).isEqualTo(want);
            assertThat(p.isAlive()).isTrue();
        }
        assertThat(p.isAlive()).isFalse();
        assertThat(support.registry().list()).isEmpty();
    }
}
