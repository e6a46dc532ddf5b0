package io.nslab.api;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults on the kernel, measured: datagrams counted at the receiver, TCP connects, and the simulator's prediction. */
class FaultsKernelTest {
    static final List<String> NODES = List.of("ns1", "router", "ns2");
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

    /** Sends {@code n} datagrams from ns1 to ns2's port 9 and counts those ns2 receives (each waited for 300 ms). */
    static int delivered(RunningLab lab, int n) {
        DatagramSocket rx = lab.node("ns2").run(() -> new DatagramSocket(new InetSocketAddress(lab.node("ns2").inetAddress(), 9999)));
        DatagramSocket tx = lab.node("ns1").run(DatagramSocket::new);
        try (rx; tx) {
            rx.setSoTimeout(300);
            int got = 0;
            for (int i = 0; i < n; i++) {
                tx.send(new DatagramPacket(new byte[] {(byte) i}, 1, new InetSocketAddress(lab.node("ns2").inetAddress(), 9999)));
                try {
                    rx.receive(new DatagramPacket(new byte[16], 16));
                    got++;
                } catch (SocketTimeoutException lost) {
                    // dropped
                }
            }
            return got;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPartitionDropsEveryDatagramAndTimesTcpOutUntilHealed() throws Exception {
        try (RunningLab lab = Labs.options().netnsDir(support.directory()).stateDir(state).up(LabsSimTest.SEED)) {
            assertThat(delivered(lab, 20)).isEqualTo(20);
            lab.partition("ns1", "ns2");
            assertThat(delivered(lab, 20)).isZero();
            ServerSocket server = lab.node("ns2").run(() -> new ServerSocket(7008, 5, lab.node("ns2").inetAddress()));
            try (server) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> lab.node("ns1").run(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(lab.node("ns2").inetAddress(), 7008), 500);
                        return s.isConnected();
                    }
                })).hasRootCauseInstanceOf(SocketTimeoutException.class);
                assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(450); // not refused at once
                lab.heal();
                assertThat(lab.node("ns1").run(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(lab.node("ns2").inetAddress(), 7008), 2000);
                        return s.isConnected();
                    }
                })).isTrue();
            }
            assertThat(delivered(lab, 20)).isEqualTo(20);
            assertThat(lab.node("ns1").exec("nft", "list", "tables").stdout()).doesNotContain("nslab_partition");
        }
    }

    @Test
    void theSimulatorPredictsTheKernelsReachabilityUnderPartitionsAndLinksDown() {
        try (RunningLab kernel = Labs.options().netnsDir(support.directory()).stateDir(state).up(LabsSimTest.SEED);
             RunningLab sim = Labs.in(World.SIM).up(LabsSimTest.SEED)) {
            for (String[] groups : List.of(new String[] {"ns1", "ns2"}, new String[] {"ns1,router", "ns2"}, new String[] {"router", "ns1,ns2"})) {
                kernel.partition(groups);
                sim.partition(groups);
                assertThat(matrix(kernel)).as("partition %s", List.of(groups)).isEqualTo(matrix(sim));
                kernel.reset();
                sim.reset();
            }
            kernel.linkDown("ns1:v1");
            sim.linkDown("ns1:v1");
            List<Boolean> down = matrix(kernel);
            assertThat(down).isEqualTo(matrix(sim)).contains(false);
            kernel.reset();
            sim.reset();
            assertThat(matrix(kernel)).isEqualTo(matrix(sim)).containsOnly(true);
        }
    }

    static List<Boolean> matrix(RunningLab lab) {
        List<Boolean> out = new ArrayList<>();
        for (String a : NODES) {
            for (String b : List.of("ns1:v1", "router:v1_r", "router:v2_r", "ns2:v2")) {
                out.add(lab.ping(a, b, 2, java.time.Duration.ofMillis(300)).received() > 0);
            }
        }
        return out;
    }
}
