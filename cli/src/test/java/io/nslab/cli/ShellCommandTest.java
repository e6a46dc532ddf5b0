package io.nslab.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Mininet's CLI habits over a running lab: {@code nslab shell} fed a script of lines, as a user would type them. */
class ShellCommandTest extends KernelWorld {
    @BeforeEach
    void setUp() throws IOException {
        CliRun up = CliRun.of(kernel.args("up", "../examples/seed.yaml"));
        assertThat(up.exitCode()).as(up.err()).isZero();
    }

    private record Ran(int exit, String out, String err) {
    }

    private Ran shell(String script) throws Exception {
        Path in = tmp.resolve("in");
        Files.writeString(in, script);
        Process p = new ProcessBuilder(CliProcess.command(kernel.args("shell"))).redirectInput(in.toFile())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void nodeCommandsWithNodeNamesForAddressesAndTheDescriptiveWords() throws Exception {
        Ran r = shell("""
                nodes
                net
                dump
                ns1 ping -c1 -W2 ns2
                ns2 ip -4 -br addr show dev v2
                pingall
                exit
                ns1 echo never
                """);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("available nodes are: ns1 router ns2\n")
                .contains("ns1:v1 <-> router:v1_r\n")
                .contains("<node ns1: netns ns1, v1 10.10.10.2/24>\n")
                .contains("PING 10.10.20.2 (10.10.20.2) 56(84) bytes of data.\n64 bytes from 10.10.20.2: icmp_seq=1 ttl=63")
                .containsPattern("v2@if\\d+ +UP +10\\.10\\.20\\.2/24")
                .contains("Results: 0% dropped (6/6 received)\n")
                .doesNotContain("never");
    }

    @Test
    void aTypoGetsTheClosestNameAndAScriptWithAFailureExitsOne() throws Exception {
        Ran r = shell("ns3 ip route\npinall\nns1 ping -c1 -W1 10.10.99.9\n");
        assertThat(r.err()).contains("nslab shell: \"ns3\" is neither a node of lab seed nor a command of this shell (did you mean \"ns1\"?)")
                .contains("nslab shell: \"pinall\" is neither a node of lab seed nor a command of this shell (did you mean \"pingall\"?)");
        assertThat(r.exit()).isEqualTo(1);
    }
}
