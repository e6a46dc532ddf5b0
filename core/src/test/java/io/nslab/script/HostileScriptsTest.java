package io.nslab.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tool calls built to make the simulator run forever or fill the heap, and connections that are not tool calls:
 * each ends quickly, in output and an exit status, or in the end of the connection.
 */
@Timeout(10)
class HostileScriptsTest {

    private static String run(String... lines) {
        return new ToolCalls(new ScriptWorld()).run(lines);
    }

    @Test
    void anArgumentTheToolsDidNotCheckIsAUsageError() {
        assertThat(new ToolCalls(new ScriptWorld()).call(List.of("ip", "link", "add", "", "type", "veth", "peer", "name", "b")))
                .isEqualTo("Error: argument is wrong: an interface name cannot be empty\n[exit 255]\n");
        assertThat(run("ip link add v1 type veth peer name v2", "ip link set v2 address :00:00:00:00:02"))
                .startsWith("[exit 0]\nError: argument is wrong: not a MAC address").endsWith("[exit 255]\n");
    }

    @Test
    void aHugePingCountIsRefused() {
        assertThat(run("ping -c 2147483647 127.0.0.1")).startsWith("nslab script: ping -c 2147483647: ").endsWith("[exit 2]\n");
        assertThat(run("traceroute -n -q 2147483647 127.0.0.1")).isEqualTo("no more than 10 probes per hop\n[exit 2]\n");
        assertThat(run("traceroute -n -m 100000 127.0.0.1")).isEqualTo("max hops cannot be more than 255\n[exit 2]\n");
    }

    @Test
    void aCallInANamespaceThatIsGoneSaysSo() {
        ToolCalls calls = new ToolCalls(new ScriptWorld());
        assertThat(calls.call("gone", List.of("ip", "link"))).contains("\"gone\" this process runs in was deleted").endsWith("[exit 1]\n");
        assertThat(calls.call("../x", List.of("ip", "link"))).isEqualTo("nslab script: \"../x\" is not a namespace name\n[exit 1]\n");
    }

    @Test
    void aConnectionThatIsNotAToolCallEnds() {
        assertThatThrownBy(() -> ToolServer.readCall(in("GET / HTTP/1.0\r\n\r\n\0"))).isInstanceOf(ToolServer.ProtocolException.class);
        assertThatThrownBy(() -> ToolServer.readCall(in("nslab1\0\0/\0f\0001\0-5\0"))).isInstanceOf(ToolServer.ProtocolException.class);
        assertThatThrownBy(() -> ToolServer.readCall(in("nslab1\0\0/\0f\0001\0x\0"))).isInstanceOf(ToolServer.ProtocolException.class);
        assertThatThrownBy(() -> ToolServer.readCall(in("nslab1\0\0/\0f\0001\0003\0ip\0"))).isInstanceOf(ToolServer.ProtocolException.class);
    }

    @Test
    void aFieldLongerThanAnyCommandLineEndsTheConnection() {
        String huge = "nslab1\0" + "a".repeat(ToolServer.MAX_FIELD + 1) + "\0";
        assertThatThrownBy(() -> ToolServer.readCall(in(huge))).isInstanceOf(ToolServer.ProtocolException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> ToolServer.readCall(in("nslab1\0\0/\0f\0001\0" + (ToolServer.MAX_ARGS + 1) + "\0")))
                .isInstanceOf(ToolServer.ProtocolException.class);
    }

    @Test
    void aCallIsReadWhole() throws Exception {
        assertThat(ToolServer.readCall(in("nslab1\0ns\0/tmp\0f.sh\0007\0002\0ip\0a b\0"))).containsExactly("nslab1", "ns", "/tmp",
                "f.sh", "7", "2", "ip", "a b");
        assertThat(ToolServer.readCall(in(""))).isNull();
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
