package example;

import io.nslab.api.RunningLab;
import io.nslab.junit.NsLab;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1 MB from ns1 to ns2 through a link limited to 8 Mbit/s takes the time the rate implies, 1.0 s: within 0.95 to
 * 1.35 s (headers take 4.4 % of a full frame, the bucket's 32 KiB burst passes at once; a loaded machine only slows).
 */
class RateLimitTest {
    static final int MB = 1_000_000;

    @Test
    void oneMegabyteAtEightMegabitPerSecond(@NsLab("../seed.yaml") RunningLab lab) throws Exception {
        lab.rateLimit("ns1:v1", 8_000_000); // what leaves ns1 toward the router
        ServerSocket server = lab.node("ns2").run(() -> new ServerSocket(9000, 1, lab.node("ns2").inetAddress()));
        Thread sink = lab.node("ns2").newThread(() -> {
            try (server; Socket s = server.accept(); InputStream in = s.getInputStream()) {
                long got = 0;
                byte[] buf = new byte[65536];
                for (int n; got < MB && (n = in.read(buf)) > 0; ) {
                    got += n;
                }
                s.getOutputStream().write(1);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        sink.start();
        double seconds = lab.node("ns1").run(() -> {
            try (Socket s = new Socket()) {
                long start = System.nanoTime();
                s.connect(new InetSocketAddress(lab.node("ns2").inetAddress(), 9000), 2000);
                s.getOutputStream().write(new byte[MB]);
                assertEquals(1, s.getInputStream().read());
                return (System.nanoTime() - start) / 1e9;
            }
        });
        System.out.printf("1 MB at 8 Mbit/s: %.3f s (the rate implies 1.000 s)%n", seconds);
        assertTrue(seconds > 0.95 && seconds < 1.35, seconds + " s");
    }
}
