package io.nslab.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A packet socket on one end of a veth sees the ARP exchange and the echo request (outgoing) and its reply (incoming),
 * each with the kernel's timestamp; a filter attached before bind lets only its protocol through.
 */
class PacketSocketKernelTest {
    /** Echo request id 0x4242 seq 1, no data, with its checksum. */
    private static final byte[] ECHO = {8, 0, (byte) 0xb5, (byte) 0xbc, 0x42, 0x42, 0, 1};
    /** {@code tcpdump -y EN10MB -dd icmp}. */
    private static final List<PacketSocket.Instruction> ICMP = List.of(
            new PacketSocket.Instruction(0x28, 0, 0, 12), new PacketSocket.Instruction(0x15, 0, 3, 0x800),
            new PacketSocket.Instruction(0x30, 0, 0, 23), new PacketSocket.Instruction(0x15, 0, 1, 1),
            new PacketSocket.Instruction(0x6, 0, 0, 0x40000), new PacketSocket.Instruction(0x6, 0, 0, 0));

    @Test
    void seesArpAndEchoBothWaysAndTheFilterKeepsIcmpOnly() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            a.links().addVeth("e0", "e0", TestWorld.ns(b));
            a.addresses().add("e0", "10.0.0.1/24");
            b.addresses().add("e0", "10.0.0.2/24");
            a.links().setUp("e0");
            b.links().setUp("e0");
            int ifindex = a.links().indexOf("e0");
            long before = System.currentTimeMillis() * 1_000_000L;
            try (PacketSocket all = PacketSocket.open(TestWorld.ns(a), ifindex, List.of(), 262144);
                 PacketSocket icmpOnly = PacketSocket.open(TestWorld.ns(a), ifindex, ICMP, 96);
                 IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                assertThat(icmp.send(InetAddress.getByName("10.0.0.2"), ECHO, 9, null, 0)).isZero();
                assertThat(icmp.receive(2000)).isPresent();
                // IPv6's own traffic of a link just up (MLD, router solicitations) comes and goes with timing: left out
                List<PacketSocket.Frame> frames = drain(all).stream()
                        .filter(f -> ((f.data()[12] & 0xff) << 8 | f.data()[13] & 0xff) != 0x86dd).toList();
                List<Integer> ethertypes = frames.stream().map(f -> (f.data()[12] & 0xff) << 8 | f.data()[13] & 0xff).toList();
                assertThat(ethertypes).as("ARP request, ARP reply, echo request, echo reply").containsExactly(0x806, 0x806, 0x800, 0x800);
                assertThat(frames.stream().map(PacketSocket.Frame::outgoing).toList()).containsExactly(true, false, true, false);
                PacketSocket.Frame request = frames.get(2);
                assertThat(request.data()[14 + 8]).as("TTL as sent").isEqualTo((byte) 9);
                assertThat(request.length()).isEqualTo(14 + 20 + 8);
                assertThat(request.epochNanos()).isBetween(before - 1_000_000_000L, System.currentTimeMillis() * 1_000_000L + 1_000_000_000L);

                List<PacketSocket.Frame> filtered = drain(icmpOnly);
                assertThat(filtered).hasSize(2);
                assertThat(filtered.getFirst().data()).hasSize(request.length()); // under the snap length: whole
                assertThat(icmpOnly.statistics()).isEqualTo(new PacketSocket.Statistics(2, 0));
            }
        }
    }

    @Test
    void cutsFramesAtTheSnapLengthAndKeepsTheirLength() throws Exception {
        try (TestWorld world = new TestWorld()) {
            Netlink a = world.namespace("a");
            Netlink b = world.namespace("b");
            a.links().addVeth("e0", "e0", TestWorld.ns(b));
            a.addresses().add("e0", "10.0.0.1/24");
            b.addresses().add("e0", "10.0.0.2/24");
            a.links().setUp("e0");
            b.links().setUp("e0");
            byte[] big = new byte[8 + 1000];
            System.arraycopy(ECHO, 0, big, 0, 8);
            try (PacketSocket s = PacketSocket.open(TestWorld.ns(b), b.links().indexOf("e0"), ICMP, 64);
                 IcmpSocket icmp = IcmpSocket.open(TestWorld.ns(a))) {
                icmp.send(InetAddress.getByName("10.0.0.2"), big, 0, null, 0); // a bad checksum: b drops it, the capture does not
                PacketSocket.Frame f = s.receive(2000).orElseThrow();
                assertThat(f.data()).hasSize(64);
                assertThat(f.length()).isEqualTo(14 + 20 + 1008);
                assertThat(f.outgoing()).isFalse();
            }
        }
    }

    private static List<PacketSocket.Frame> drain(PacketSocket s) {
        List<PacketSocket.Frame> out = new ArrayList<>();
        for (Optional<PacketSocket.Frame> f = s.receive(300); f.isPresent(); f = s.receive(300)) {
            out.add(f.get());
        }
        return out;
    }
}
