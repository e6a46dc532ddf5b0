package io.nslab.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ifconfig -s and ethtool -k, against what the real tools printed on this kernel for the same commands (in a sandbox). */
class ShortListingsTest {
    @Test
    void ifconfigShortListsDevicesByNameWithFlagLetters() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip link add va type veth peer name vb", "ip link add br0 type bridge", "ip link set va up", "ip link set vb up");
        assertThat(calls.run("ifconfig -s -a")).isEqualTo("""
                Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
                br0              1500        0      0      0 0             0      0      0      0 BM
                lo              65536        0      0      0 0             0      0      0      0 LRU
                va               1500        0      0      0 0             0      0      0      0 BMRU
                vb               1500        0      0      0 0             0      0      0      0 BMRU
                [exit 0]
                """);
        assertThat(calls.run("ifconfig -s nosuch")).isEqualTo("nosuch: error fetching interface information: Device not found\n[exit 1]\n");
        assertThat(Mask.apply("va               1500        2      0      0 0             1      0      3      0 BMRU\n"))
                .isEqualTo(Mask.apply("va               1500        0      0      0 0             0      0      0      0 BMRU\n"));
    }

    @Test
    void ethtoolShowsAVethsOffloadsWithThoseThatWentWithTx() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip link add e0 type veth peer name e1");
        String before = calls.run("ethtool -k e0");
        assertThat(before).startsWith("Features for e0:\nrx-checksumming: on\ntx-checksumming: on\n\ttx-checksum-ipv4: off [fixed]\n")
                .contains("\ngeneric-receive-offload: off\n").endsWith("hsr-dup-offload: off [fixed]\n[exit 0]\n");
        calls.run("ethtool -K e0 tx off");
        String after = calls.run("ethtool -k e0");
        assertThat(after).contains("\ntx-checksumming: off\n", "\n\ttx-tcp-segmentation: off [requested on]\n",
                "\ntx-udp-segmentation: off [requested on]\n", "\n\ttx-tcp-accecn-segmentation: on\n");
        assertThat(calls.run("ethtool -k nosuch")).isEqualTo("netlink error: no device matches name (offset 24)\nnetlink error: No such device\n[exit 1]\n");
    }
}
