package io.nslab.script;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nslab import} reads the end state's sysctls from the simulator ({@link SysctlSource#of}), comparing them as
 * ints (or not at all, where nothing was written, renamed or named with a dot), and takes only the routes a lab
 * writes ({@code SimNetwork#labState}), instead of a snapshot with every key and route: both give the same lab,
 * whatever the script set, added, renamed or routed.
 */
class SysctlSourceTest {
    private static final List<String> KEYS = List.of("net.ipv4.ip_forward", "net.ipv4.ip_default_ttl",
            "net.ipv4.icmp_echo_ignore_all", "net.ipv4.conf.%s.forwarding", "net.ipv4.conf.%s.rp_filter",
            "net.ipv4.conf.%s.accept_redirects", "net.ipv4.conf.%s.send_redirects", "net.ipv4.conf.%s.proxy_arp",
            "net.ipv4.conf.%s.arp_ignore", "net.ipv6.conf.%s.forwarding", "net.ipv6.conf.%s.accept_dad",
            "net.ipv6.conf.%s.disable_ipv6");
    private static final List<String> DEVICES = List.of("all", "default", "lo", "v1", "v2", "v3", "br0");

    @Property(tries = 300)
    void theSimulatorsSysctlsGiveTheSameLabAsTheSnapshots(@ForAll("scripts") List<List<String>> script) {
        assertSameLab(script);
    }

    /** Without a sysctl written, a namespace's sysctls are compared with nothing unless a device was renamed or dotted. */
    @Property(tries = 200)
    void devicesAndRoutesAloneGiveTheSameLabAsTheSnapshots(@ForAll("devicesAlone") List<List<String>> script) {
        assertSameLab(script);
    }

    private static void assertSameLab(List<List<String>> script) {
        ScriptWorld world = new ScriptWorld();
        ToolCalls calls = new ToolCalls(world);
        calls.run("ip netns add r", "ip netns add h");
        for (List<String> call : script) {
            calls.call(call.getFirst(), call.subList(1, call.size()));
        }
        String fromSnapshot = LabExport.yaml("lab", world.snapshot());
        String fromSimulator = LabExport.yaml("lab", world.network().labState(), SysctlSource.of(world.network()));
        assertThat(fromSimulator).isEqualTo(fromSnapshot);
    }

    /** Calls in namespace r, h or the root (""): devices, addresses and routes alone. */
    @Provide
    Arbitrary<List<List<String>>> devicesAlone() {
        return devices().list().ofMaxSize(25);
    }

    /** Calls in namespace r, h or the root (""): sysctl writes, and devices added, renamed, deleted in between. */
    @Provide
    Arbitrary<List<List<String>>> scripts() {
        Arbitrary<String> netns = Arbitraries.of("r", "h", "");
        Arbitrary<List<String>> write = Combinators.combine(netns, Arbitraries.of(KEYS), Arbitraries.of(DEVICES),
                Arbitraries.integers().between(-1, 3)).as((ns, key, dev, v) -> List.of(ns, "sysctl", "-qw",
                key.formatted(dev) + "=" + v));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, write), net.jqwik.api.Tuple.of(1, devices())).list().ofMaxSize(25);
    }

    /** Devices added, renamed, deleted, with addresses and routes of every kind (the kernel's among them). */
    private static Arbitrary<List<String>> devices() {
        Arbitrary<String> netns = Arbitraries.of("r", "h", "");
        return Combinators.combine(netns, Arbitraries.of(
                "ip link add v1 type veth peer name v2", "ip link add br0 type bridge", "ip link add v3 type veth peer name v4",
                "ip link del v1", "ip link set v3 name v5", "ip link set v5 name v3", "ip link add v1.5 type veth peer name v6",
                "ip addr add 10.0.0.1/24 dev v1", "ip link set v1 up", "ip link set v2 up", "ip route add 10.9.0.0/16 via 10.0.0.2",
                "ip route add blackhole 10.8.0.0/16", "ip route add 10.7.0.0/16 dev v1 metric 5", "ip -6 addr add 2001:db8::1/64 dev v1",
                "ip -6 route add 2001:db8:1::/48 via 2001:db8::2"))
                .as((ns, line) -> {
                    List<String> call = new java.util.ArrayList<>(List.of(ns));
                    call.addAll(List.of(line.split(" ")));
                    return call;
                });
    }
}
