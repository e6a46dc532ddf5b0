package example;

import io.nslab.api.LabNode;
import io.nslab.api.RunningLab;
import io.nslab.junit.NsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The echo server in ns2, its client in ns1, the router between: the tutorial's network (examples/seed.yaml). */
class EchoAcrossTheRouterTest {
    @NsLab("../seed.yaml")
    static RunningLab lab;
    static ServerSocket server;

    @BeforeAll
    static void startServer() {
        LabNode ns2 = lab.node("ns2");
        server = ns2.run(() -> new ServerSocket(7, 50, ns2.inetAddress()));
        ns2.newThread(() -> Echo.serve(server)).start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    String call(int timeoutMillis) {
        return lab.node("ns1").run(() -> Echo.call(lab.node("ns2").inetAddress(), 7, "hello", timeoutMillis));
    }

    @Test
    void theClientInNs1GetsItsEchoFromNs2() {
        assertEquals("hello", call(2000));
    }

    @Test
    void underAPartitionTheClientTimesOutAndRecoversAfterHeal() {
        lab.partition("ns1", "ns2");
        try {
            // node.run hands an IOException back as UncheckedIOException
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> call(500));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
        } finally {
            lab.heal();
        }
        assertEquals("hello", call(2000));
    }
}
