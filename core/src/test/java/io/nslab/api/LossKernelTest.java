package io.nslab.api;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random loss measured on the kernel: N UDP datagrams from ns1 across the router to ns2, counted by the receiving
 * socket. With loss p each datagram is lost independently, so the number lost is binomial(N, p): mean Np, standard
 * deviation sqrt(Np(1-p)). The test accepts 4 standard deviations either side (a false failure about once in 16,000
 * runs): 30% of 2,000 is 600 ± 82 lost. A run without loss, in the same lab, must lose none (no other loss, such as a
 * full socket buffer, hides in the figure), and the other direction of the impaired link must lose none either.
 */
class LossKernelTest {
    static final int N = 2_000;
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

    /** How many of {@code N} datagrams sent from {@code from} to {@code to} arrive. */
    static int delivered(RunningLab lab, String from, String to, int port) throws Exception {
        InetSocketAddress at = new InetSocketAddress(lab.node(to).inetAddress(), port);
        DatagramChannel rx = lab.node(to).run(() -> DatagramChannel.open()
                .setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20).bind(at));
        AtomicInteger got = new AtomicInteger();
        Thread receiver = lab.node(to).newThread(() -> {
            try (rx) {
                rx.socket().setSoTimeout(1_000);
                var in = rx.socket();
                java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[64], 64);
                while (true) {
                    in.receive(p);
                    got.incrementAndGet();
                }
            } catch (SocketTimeoutException idle) {
                // a second without a datagram: the sender is done
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        receiver.start();
        lab.node(from).run(() -> {
            try (DatagramChannel tx = DatagramChannel.open()) {
                ByteBuffer b = ByteBuffer.allocate(32);
                for (int i = 0; i < N; i++) {
                    b.clear().putInt(i).clear();
                    tx.send(b, at);
                    if (i % 20 == 19) {
                        Thread.sleep(1); // let the receiver keep up: a full socket buffer would drop too
                    }
                }
            }
            return null;
        });
        receiver.join(30_000);
        return got.get();
    }

    @Test
    void aLabWhoseDelayTheKernelRefusesLeavesNothing() {
        Path file = Path.of("src/test/resources/labs/valid/impair.yaml");
        try {
            Labs.options().netnsDir(support.directory()).stateDir(state).up(file).close();
            System.out.println("this kernel has sch_netem: the lab came up with its delay");
        } catch (io.nslab.NslabException e) {
            assertThat(e.exitCode()).isEqualTo(io.nslab.ExitCode.ENVIRONMENT);
            assertThat(e.getMessage()).contains("delay on b:e0: this kernel has no sch_netem");
        }
        assertThat(support.registry().list()).isEmpty();
    }

    @Test
    void thirtyPercentOfTwoThousandDatagramsAreLostWithinFourStandardDeviationsInThatDirectionOnly() throws Exception {
        try (RunningLab lab = Labs.options().netnsDir(support.directory()).stateDir(state).up(LabsSimTest.SEED)) {
            assertThat(delivered(lab, "ns1", "ns2", 7200)).as("no loss before").isEqualTo(N);

            double p = 0.30;
            lab.loss("ns1:v1", 30);
            long start = System.nanoTime();
            int forward = delivered(lab, "ns1", "ns2", 7201);
            double seconds = (System.nanoTime() - start) / 1e9;
            int back = delivered(lab, "ns2", "ns1", 7202);
            double sd = Math.sqrt(N * p * (1 - p));
            int lost = N - forward;
            System.out.printf("loss 30%%: %d of %d lost (%.2f%%; expected %.0f ± %.1f sd), %d of %d back, %.2f s%n",
                    lost, N, 100.0 * lost / N, N * p, sd, N - back, N, seconds);
            assertThat((double) lost).isBetween(N * p - 4 * sd, N * p + 4 * sd);
            assertThat(back).as("the other direction is not impaired").isEqualTo(N);
            assertThat(lab.node("router").exec("nft", "list", "table", "inet", "nslab_loss").stdout())
                    .contains("iifname \"v1_r\" numgen random mod 10000 < 3000 drop");

            lab.loss("ns1:v1", 100);
            assertThat(delivered(lab, "ns1", "ns2", 7203)).isZero();
            assertThat(lab.reaches("ns1", "ns2")).isFalse();

            lab.reset();
            assertThat(delivered(lab, "ns1", "ns2", 7204)).as("none lost after reset").isEqualTo(N);
            assertThat(lab.node("router").exec("nft", "list", "ruleset").stdout()).isEmpty();
        }
    }
}
