package io.nslab.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ip neigh} against what iproute2 printed on this kernel for the same commands (in a sandbox). */
class IpNeighCommandTest {
    private static ToolCalls pair() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        calls.run("ip link add va type veth peer name vb", "ip netns add b", "ip link set vb netns b", "ip addr add 10.0.0.1/24 dev va",
                "ip -n b addr add 10.0.0.2/24 dev vb", "ip link set va up", "ip -n b link set vb up");
        return calls;
    }

    @Test
    void showsWhatAPingLearnedAndWhatWasNotAnswered() {
        ToolCalls calls = pair();
        assertThat(calls.run("ip neigh show")).isEqualTo("[exit 0]\n");
        calls.run("ping -c 1 10.0.0.2", "ping -c 1 -W 1 10.0.0.9");
        String mac = calls.call("b", java.util.List.of("ip", "-br", "link", "show", "vb")).split(" +")[2];
        assertThat(calls.run("ip neigh")).isEqualTo("10.0.0.2 dev va lladdr " + mac + " REACHABLE \n10.0.0.9 dev va INCOMPLETE \n[exit 0]\n");
        assertThat(calls.run("ip -4 neigh show dev va 10.0.0.2", "ip -6 neigh", "ip neigh show nud permanent"))
                .isEqualTo("10.0.0.2 lladdr " + mac + " REACHABLE \n[exit 0]\n[exit 0]\n[exit 0]\n");
    }

    @Test
    void addsChangesDeletesAndFlushesPermanentEntries() {
        ToolCalls calls = pair();
        assertThat(calls.run("ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07", "ip neigh add 10.0.0.7 lladdr zz dev va",
                "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va nud bogus", "ip neigh add 10.0.0.5 dev va",
                "ip neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev nosuch"))
                .isEqualTo("Device and destination are required arguments.\n[exit 255]\n\"zz\" is invalid lladdr.\n[exit 1]\n"
                        + "Error: argument \"bogus\" is wrong: nud state is bad\n[exit 255]\nError: No link layer address given.\n[exit 2]\n"
                        + "Cannot find device \"nosuch\"\n[exit 1]\n");
        assertThat(calls.run("ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va", "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev va",
                "ip neigh change 10.0.0.9 lladdr 02:00:00:00:00:09 dev va", "ip neigh change 10.0.0.7 lladdr 02:00:00:00:00:0a dev va",
                "ip neigh show dev va"))
                .isEqualTo("[exit 0]\nRTNETLINK answers: File exists\n[exit 2]\nRTNETLINK answers: No such file or directory\n[exit 2]\n"
                        + "[exit 0]\n10.0.0.7 lladdr 02:00:00:00:00:0a PERMANENT \n[exit 0]\n");
        assertThat(calls.run("ip neigh flush", "ip neigh flush dev va", "ip neigh", "ip neigh flush nud permanent dev va", "ip neigh"))
                .isEqualTo("Flush requires arguments.\n[exit 1]\n[exit 0]\n10.0.0.7 dev va lladdr 02:00:00:00:00:0a PERMANENT \n[exit 0]\n"
                        + "[exit 0]\n[exit 0]\n");
        assertThat(calls.run("ip neigh replace 10.0.0.3 lladdr 02:00:00:00:00:03 dev va", "ip neigh del 10.0.0.3 dev va",
                "ip neigh del 10.0.0.3 dev va", "ip neigh bogus"))
                .isEqualTo("[exit 0]\n[exit 0]\nRTNETLINK answers: No such file or directory\n[exit 2]\n"
                        + "Command \"bogus\" is unknown, try \"ip neigh help\".\n[exit 255]\n");
    }

    @Test
    void arpSeesTheEntriesIpNeighAdds() {
        ToolCalls calls = pair();
        calls.run("ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev va");
        assertThat(calls.run("arp -n")).isEqualTo("Address                  HWtype  HWaddress           Flags Mask            Iface\n"
                + "10.0.0.8                 ether   02:00:00:00:00:08   CM                    va\n[exit 0]\n");
    }
}
