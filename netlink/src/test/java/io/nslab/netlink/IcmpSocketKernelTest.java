package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An echo request and its reply through IcmpSocket, read directly and through a DatagramPoller, between two namespaces. */
class IcmpSocketKernelTest {
    /** Echo request id 0x4242 seq 1, no data, with its checksum. */
    private static final byte[] ECHO = {8, 0, (byte) 0xb5, (byte) 0xbc, 0x42, 0x42, 0, 1};

    private static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void echoRequestGetsItsReplyAndRefusalsCarryTheErrno() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            a.links().addVeth("e0", "e0", TestWorld.ns(b));
            a.addresses().add("e0", "10.0.0.1/24");
            b.addresses().add("e0", "10.0.0.2/24");
            a.links().setUp("e0");
            b.links().setUp("e0");
            try (IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                assertThat(icmp.route(v4("10.0.0.2"), null, 0)).isEqualTo(v4("10.0.0.1"));
                assertThat(icmp.send(v4("10.0.0.2"), ECHO, 7, null, 0)).isZero();
                byte[] reply = icmp.receive(2000).orElseThrow();
                assertThat(reply[9]).as("protocol ICMP").isEqualTo((byte) 1);
                assertThat(reply[8]).as("TTL of the reply").isEqualTo((byte) 64);
                assertThat(reply[20]).as("echo reply").isEqualTo((byte) 0);
                assertThat(new byte[] {reply[24], reply[25]}).containsExactly(0x42, 0x42);

                NativeException none = catchThrowableOfType(NativeException.class,
                        () -> icmp.route(v4("192.0.2.1"), null, 0));
                assertThat(none.call()).isEqualTo("connect(192.0.2.1)");
                assertThat(none.errno()).isEqualTo(Errno.ENETUNREACH);
                NativeException foreign = catchThrowableOfType(NativeException.class,
                        () -> icmp.route(v4("10.0.0.2"), v4("10.0.0.9"), 0));
                assertThat(foreign.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
                assertThat(icmp.route(v4("10.0.0.2"), v4("10.0.0.1"), a.links().indexOf("e0"))).isEqualTo(v4("10.0.0.1"));

                BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(4);
                try (DatagramPoller poller = DatagramPoller.start("test-poller")) {
                    poller.register(icmp, (packet, nanos) -> got.add(packet));
                    assertThat(icmp.send(v4("10.0.0.2"), ECHO, 0, v4("10.0.0.1"), a.links().indexOf("e0"))).isZero();
                    byte[] polled = got.poll(2, TimeUnit.SECONDS);
                    assertThat(polled).isNotNull();
                    assertThat(polled[20]).isEqualTo((byte) 0);
                    poller.unregister(icmp);
                }
                assertThat(icmp.receive(0)).isEqualTo(Optional.empty());
            }
        }
    }

    private static InetAddress v6(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    /**
     * ICMPv6: the kernel hands a raw IPv6 socket the ICMPv6 message only; receive puts the IPv6 header that
     * recvmsg describes in front (sender, hop limit, destination), as an IPv4 raw socket reads. The kernel fills
     * in the checksum, so the request leaves it zero.
     */
    @Test
    void ipv6EchoRequestGetsItsReplyWithAHeaderMadeFromRecvmsg() throws Exception {
        byte[] echo6 = {(byte) 128, 0, 0, 0, 0x42, 0x43, 0, 7, 1, 2, 3, 4};
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            a.links().addVeth("e0", "e0", TestWorld.ns(b));
            a.addresses().add("e0", "fd00::1/64");
            b.addresses().add("e0", "fd00::2/64");
            a.links().setUp("e0");
            b.links().setUp("e0");
            try (IcmpSocket icmp = IcmpSocket.open6(TestWorld.ns(a))) {
                assertThat(icmp.family()).isEqualTo(IpPrefix.AF_INET6);
                assertThat(icmp.route(v6("fd00::2"), null, 0)).isEqualTo(v6("fd00::1"));
                byte[] reply = null;
                // the first request may wait for neighbour discovery; ask until an answer comes
                for (int i = 0; i < 20 && reply == null; i++) {
                    assertThat(icmp.send(v6("fd00::2"), echo6, 9, null, 0)).isZero();
                    reply = icmp.receive(500).orElse(null);
                }
                assertThat(reply).isNotNull().hasSize(40 + 12);
                assertThat(reply[0] >> 4).as("version").isEqualTo(6);
                assertThat(reply[6]).as("next header ICMPv6").isEqualTo((byte) 58);
                assertThat(reply[7]).as("hop limit of the reply").isEqualTo((byte) 64);
                assertThat(java.util.Arrays.copyOfRange(reply, 8, 24)).as("sender").isEqualTo(v6("fd00::2").getAddress());
                assertThat(java.util.Arrays.copyOfRange(reply, 24, 40)).as("destination").isEqualTo(v6("fd00::1").getAddress());
                assertThat(reply[40] & 0xff).as("echo reply").isEqualTo(129);
                assertThat(new byte[] {reply[44], reply[45], reply[46], reply[47]}).containsExactly(0x42, 0x43, 0, 7);
                assertThat(java.util.Arrays.copyOfRange(reply, 48, 52)).containsExactly(1, 2, 3, 4);

                NativeException none = catchThrowableOfType(NativeException.class,
                        () -> icmp.route(v6("fd00:9::1"), null, 0));
                assertThat(none.call()).isEqualTo("connect(fd00:9:0:0:0:0:0:1)");
                assertThat(none.errno()).isEqualTo(Errno.ENETUNREACH);
                assertThat(icmp.route(v6("fd00::2"), v6("fd00::1"), a.links().indexOf("e0"))).isEqualTo(v6("fd00::1"));
                assertThat(catchThrowableOfType(IllegalArgumentException.class,
                        () -> icmp.send(v4("10.0.0.2"), echo6, 0, null, 0))).hasMessageContaining("IPv6 socket");

                BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(4);
                try (DatagramPoller poller = DatagramPoller.start("test-poller-6")) {
                    poller.register(icmp, (packet, nanos) -> got.add(packet));
                    assertThat(icmp.send(v6("fd00::2"), echo6, 0, v6("fd00::1"), a.links().indexOf("e0"))).isZero();
                    byte[] polled = got.poll(2, TimeUnit.SECONDS);
                    assertThat(polled).isNotNull();
                    assertThat(polled[40] & 0xff).isEqualTo(129);
                    poller.unregister(icmp);
                }
            }
        }
    }
}
