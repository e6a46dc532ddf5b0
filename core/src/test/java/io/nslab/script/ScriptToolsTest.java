package io.nslab.script;

import io.nslab.model.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's brctl, ifconfig, arp, tc and the kernel profile, called without a shell; every expected text
 * here is what the real tool printed on this project's test kernel (the corpus checks them live).
 */
class ScriptToolsTest {
    /** The kernel of the machine the corpus was recorded on: no 8021q, no netem, no fq_codel, no VLAN filtering. */
    static final KernelProfile THIS_KERNEL = new KernelProfile(Set.of("veth", "bridge", "tun", "tap"),
            Set.of("tbf", "htb", "pfifo", "bfifo", "pfifo_fast", "ingress"), false);

    @Test
    void whatThisKernelLacksIsRefusedAsItRefusesIt() {
        ToolCalls calls = new ToolCalls(new ScriptWorld(), THIS_KERNEL);
        assertThat(calls.run("ip link add v1 type veth peer name v2", "ip link add link v1 name v1.10 type vlan id 10",
                "tc qdisc add dev v1 root netem delay 10ms", "tc qdisc add dev v1 root fq_codel", "ip link add br0 type bridge",
                "ip link set br0 type bridge vlan_filtering 1", "bridge vlan add dev v1 vid 10"))
                .isEqualTo("[exit 0]\nError: Unknown device type.\n[exit 2]\nError: Specified qdisc kind is unknown.\n[exit 2]\n"
                        + "Error: Specified qdisc kind is unknown.\n[exit 2]\n[exit 0]\nRTNETLINK answers: Operation not supported\n[exit 2]\n"
                        + "RTNETLINK answers: Operation not supported\n[exit 255]\n");
        assertThat(new ToolCalls(new ScriptWorld(), KernelProfile.full()).run("ip link add link lo name lo.10 type vlan id 10"))
                .isEqualTo("nslab script: ip link add type vlan is not simulated (veth and bridge are)\n[exit 2]\n");
    }

    @Test
    void tbfPrintsTheBurstAndLatencyTheKernelsTicksGiveBack() {
        ToolCalls calls = new ToolCalls(new ScriptWorld(), THIS_KERNEL);
        assertThat(calls.run("ip link add v1 type veth peer name v2", "ip link set v1 up",
                "tc qdisc add dev v1 root handle 5: tbf rate 1mbit burst 32kbit latency 400ms", "tc qdisc show dev v1",
                "tc qdisc replace dev v1 root tbf rate 10mbit burst 10kb limit 20kb", "tc qdisc show dev v1"))
                .isEqualTo("[exit 0]\n[exit 0]\n[exit 0]\nqdisc tbf 5: root refcnt 3 rate 1Mbit burst 4Kb lat 400ms \n[exit 0]\n"
                        + "[exit 0]\nqdisc tbf 5: root refcnt 3 rate 10Mbit burst 10Kb lat 8.19ms \n[exit 0]\n");
    }

    @Test
    void ifconfigReplacesThePrimaryAddressWithItsClassAndBroadcast() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip link add v1 type veth peer name v2", "ip addr add 10.0.0.1/24 dev v1", "ip addr add 10.0.0.5/24 dev v1",
                "ifconfig v1 10.1.0.1");
        assertThat(calls.run("ip -4 -o addr show dev v1")).contains(": v1    inet 10.1.0.1/8 brd 10.255.255.255 scope global v1\\");
        calls.run("ifconfig v1 netmask 255.255.0.0");
        assertThat(calls.run("ifconfig v1")).contains("        inet 10.1.0.1  netmask 255.255.0.0  broadcast 10.1.255.255\n");
        calls.run("ifconfig v1 0");
        assertThat(calls.run("ifconfig v1")).doesNotContain("inet ");
    }

    @Test
    void theLinkLocalAddressIsTheMacsEui64() {
        assertThat(IfconfigCommand.linkLocal(MacAddress.parse("02:c8:44:15:8d:d7")).toString()).isEqualTo("fe80::c8:44ff:fe15:8dd7");
    }

    @Test
    void arpShowsWhatAPingLearnedAndForgetsWhatItIsTold() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip link add v1 type veth peer name v2", "ip netns add b", "ip link set v2 netns b", "ip addr add 10.6.0.1/24 dev v1",
                "ip -n b addr add 10.6.0.2/24 dev v2", "ip link set v1 up", "ip -n b link set v2 up", "ping -c 1 10.6.0.2",
                "ping -c 1 -W 1 10.6.0.9");
        String table = calls.run("arp -n");
        assertThat(table).startsWith("Address                  HWtype  HWaddress           Flags Mask            Iface\n10.6.0.2 ")
                .contains("   C                     v1\n10.6.0.9                         (incomplete)                              v1\n");
        assertThat(calls.call("b", java.util.List.of("arp", "-an"))).startsWith("? (10.6.0.1) at ").endsWith(" [ether] on v2\n[exit 0]\n");
        assertThat(calls.run("arp -d 10.6.0.9", "arp -d 10.6.0.9", "arp -s 10.99.0.1 02:00:00:00:00:01"))
                .isEqualTo("[exit 0]\nNo ARP entry for 10.6.0.9\n[exit 255]\nSIOCSARP: Network is unreachable\n[exit 255]\n");
        calls.run("ip link set v1 down");
        assertThat(calls.run("arp -n")).isEqualTo("[exit 0]\n");
    }

    @Test
    void brctlShowsABridgeWithoutPortsWithAZeroId() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        assertThat(calls.run("brctl show", "brctl addbr br0", "brctl addbr br0", "brctl show"))
                .isEqualTo("[exit 0]\n[exit 0]\ndevice br0 already exists; can't create bridge with the same name\n[exit 1]\n"
                        + "bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t8000.000000000000\tno\t\t\n[exit 0]\n");
        calls.run("ip link add v1 type veth peer name v2", "brctl addif br0 v1", "brctl addif br0 v2", "brctl addbr br1");
        assertThat(calls.run("brctl addif br1 v1", "brctl show br0")).startsWith(
                "device v1 is already a member of a bridge; can't add it to bridge br1.\n[exit 1]\nbridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t8000.")
                .endsWith("\tno\t\tv1\n\t\t\t\t\t\t\tv2\n[exit 0]\n");
    }
}
