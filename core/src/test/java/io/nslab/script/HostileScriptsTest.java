package io.nslab.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts built to make the simulator run forever or fill the heap, and inputs the fuzzer found: each
 * ends quickly, in output and an exit status or in a positioned refusal.
 */
@Timeout(10)
class HostileScriptsTest {

    private static String run(String source) {
        StringBuilder out = new StringBuilder();
        int status;
        try {
            status = Interpreter.run(new ScriptWorld(), Output.merged(out), "h.sh", source);
        } catch (io.nslab.NslabException e) {
            return out + "[" + e.getMessage() + "]";
        }
        ScriptFuzzTest.runsCleanly(source);
        return out + "[exit " + status + "]";
    }

    @Test
    void aForLoopThatRunsOffTheEndIsRefusedAtTheEnd() {
        assertThat(run("for x in a\n")).isEqualTo("[h.sh:2:1: expected 'do']");
        assertThat(run("for x in a b")).isEqualTo("[h.sh:1:13: expected 'do']");
        assertThat(run("for")).isEqualTo("[h.sh:1:4: expected a variable name after 'for']");
        assertThat(run("for x")).isEqualTo("[h.sh:1:6: unsupported: 'for' without 'in WORDS']");
    }

    @Test
    void anArgumentTheToolsDidNotCheckIsAUsageError() {
        assertThat(run("ip link add '' type veth peer name b\necho $?\n"))
                .isEqualTo("Error: argument is wrong: an interface name cannot be empty\n255\n[exit 0]");
        assertThat(run("ip link add v1 type veth peer name v2\nip link set v2 address :00:00:00:00:02\necho $?\n"))
                .startsWith("Error: argument is wrong: not a MAC address").endsWith("255\n[exit 0]");
    }

    @Test
    void aHugePingCountIsRefused() {
        assertThat(run("ping -c 2147483647 127.0.0.1\necho $?\n")).startsWith("nslab script: ping -c 2147483647: ")
                .endsWith("2\n[exit 0]");
        assertThat(run("traceroute -n -q 2147483647 127.0.0.1\necho $?\n")).isEqualTo("no more than 10 probes per hop\n2\n[exit 0]");
        assertThat(run("traceroute -n -m 100000 127.0.0.1\necho $?\n")).isEqualTo("max hops cannot be more than 255\n2\n[exit 0]");
    }

    @Test
    void aVariableThatDoublesEachLineIsStopped() {
        String s = "X=ab\n" + "X=$X$X\n".repeat(40) + "echo done\n";
        assertThat(run(s)).startsWith("[h.sh: line ").contains("longer than");
    }

    @Test
    void nestedLoopsThatRunForeverAreStopped() {
        String words = "a ".repeat(1000);
        String s = "for a in " + words + "; do for b in " + words + "; do for c in " + words + "; do true; done; done; done\n";
        assertThat(run(s)).startsWith("[h.sh: line 1: ").contains("commands");
    }
}
