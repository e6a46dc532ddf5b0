package io.nslab.sim;

import io.nslab.model.IpAddress;
import io.nslab.model.Lab;
import io.nslab.model.NamespaceRef;
import io.nslab.model.load.LabLoader;
import io.nslab.probe.IcmpErrorKind;
import io.nslab.probe.LocalError;
import io.nslab.probe.PingEvent;
import io.nslab.probe.PingRequest;
import io.nslab.probe.PingResult;
import io.nslab.render.PingText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator on the probe edge cases where it disagreed with the kernel (KernelPingTest runs each against the
 * kernel and iputils): the text expected is what iputils 20221126 prints, seen with the real tools.
 */
class ProbeEdgeCasesTest {
    private static final Lab SEED = LabLoader.load(Path.of("../examples/seed.yaml"));

    private static PingResult ping(String dst, int count, Optional<String> source) {
        try (SimNetwork net = SimNetwork.of(SEED)) {
            return net.ping(new PingRequest(NamespaceRef.named("ns1"), IpAddress.parse(dst), count, Duration.ofSeconds(1),
                    Duration.ofSeconds(10), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, source.map(IpAddress::parse), Optional.empty()));
        }
    }

    /**
     * bind() takes an IPv4 address of broadcast type in the node's table local (inet_bind), so ping -I with the
     * broadcast address of its own subnet sends, and nothing answers (iputils in a sandbox: "1 packets transmitted,
     * 0 received", no error; fidelity seed 845). Was: refused at bind.
     */
    @Test
    void aBroadcastAddressOfTheNodesSubnetIsBoundAndNothingAnswers() {
        for (String dst : new String[] {"10.10.10.2", "10.10.10.1", "10.10.20.2"}) {
            PingResult r = ping(dst, 1, Optional.of("10.10.10.255"));
            assertThat(r.connectError()).as(dst).isEmpty();
            assertThat(PingText.render(r)).as(dst).isEqualTo("PING " + dst + " (" + dst + ") from 10.10.10.255 : 56(84) bytes of data.\n\n--- "
                    + dst + " ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n");
        }
        assertThat(ping("10.10.10.2", 1, Optional.of("10.10.10.254")).connectError()).hasValue(LocalError.ADDRESS_NOT_AVAILABLE);
    }

    /** Was: the request left from an address the node does not have and was lost in silence. */
    @Test
    void aSourceAddressThatIsNotTheNodesIsRefusedAtBind() {
        PingResult r = ping("10.10.20.2", 1, Optional.of("10.9.9.9"));
        assertThat(r.connectError()).hasValue(LocalError.ADDRESS_NOT_AVAILABLE);
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(PingText.render(r)).isEqualTo("ping: bind: Cannot assign requested address\n");
        PingResult v6 = ping("fd00::1", 1, Optional.of("fd00::9"));
        assertThat(PingText.render(v6)).isEqualTo("ping: bind icmp socket: Cannot assign requested address\n");
        assertThat(ping("10.10.20.2", 1, Optional.of("10.10.10.2")).received()).as("its own address is fine").isEqualTo(1);
    }

    /** Was: connect: Network is unreachable. */
    @Test
    void zeroAddressIsAnsweredByLoopback() {
        PingResult r = ping("0.0.0.0", 1, Optional.empty());
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(PingEvent.Reply.class,
                e -> assertThat(e.from()).isEqualTo(IpAddress.parse("127.0.0.1")));
        assertThat(PingText.render(r)).startsWith("PING 0.0.0.0 (127.0.0.1) 56(84) bytes of data.\n"
                + "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=").contains("\n--- 0.0.0.0 ping statistics ---\n");
        PingResult v6 = ping("::", 1, Optional.empty());
        assertThat(PingText.render(v6)).startsWith("PING ::(::) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64 time=");
    }

    /** Was: loss. The kernel refuses 0.0.0.0 at connect when lo is down (found by the fidelity run's ping 0.0.0.0). */
    @Test
    void zeroAddressWithLoopbackDownIsNetworkUnreachable() throws Exception {
        Lab loDown = LabLoader.parse("lo-down.yaml", java.nio.file.Files.readString(Path.of("../examples/seed.yaml"))
                .replace("  ns1:\n", "  ns1:\n    loopback: {up: false}\n"));
        try (SimNetwork net = SimNetwork.of(loDown)) {
            PingResult r = net.ping(new PingRequest(NamespaceRef.named("ns1"), IpAddress.parse("0.0.0.0"), 1, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), OptionalInt.empty(), PingRequest.DEFAULT_SIZE, Optional.empty(), Optional.empty()));
            assertThat(r.connectError()).hasValue(LocalError.NETWORK_UNREACHABLE);
            assertThat(PingText.render(r)).isEqualTo("ping: connect: Network is unreachable\n");
        }
    }

    /** With iputils' default wait, the host unreachable that comes after three seconds of ARP is seen. */
    @Test
    void anUnresolvableNeighbourIsHostUnreachableInSendingOrder() {
        PingResult one = ping("10.10.10.9", 1, Optional.empty());
        assertThat(PingText.render(one).replaceAll("time=[0-9.]+", "time=T")).isEqualTo("""
                PING 10.10.10.9 (10.10.10.9) 56(84) bytes of data.
                From 10.10.10.2 icmp_seq=1 Destination Host Unreachable

                --- 10.10.10.9 ping statistics ---
                1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms

                """);
        PingResult three = ping("10.10.10.9", 3, Optional.empty());
        assertThat(three.events()).extracting(PingEvent::seq).containsExactly(1, 2, 3);
        assertThat(three.events()).allSatisfy(e -> assertThat(((PingEvent.Error) e).kind()).isEqualTo(IcmpErrorKind.HOST_UNREACHABLE));
        assertThat(PingText.render(three)).endsWith("3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms\npipe 3\n");
    }
}
