package io.nslab.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nslab probe tcp|udp on the kernel against the simulator's prediction of the same lab, line for line, and against
 * a real client (python3's sockets in the node, through nsenter): what the kernel answers without nslab listening,
 * and a service of the user's that listens already.
 */
class ProbeCommandKernelTest {
    static final String LAB = """
            name: ports
            netns-prefix: pt-
            nodes:
              a:
                routes: ["default via 10.0.1.1", "default via fd00:1::1", "blackhole 10.8.0.0/16", "prohibit 10.7.0.0/16"]
              r:
                forwarding: true
                ipv6-forwarding: true
              b:
                routes: ["default via 10.0.2.1", "default via fd00:2::1"]
            links:
              - endpoints: ["a:eth0 10.0.1.2/24 fd00:1::2/64", "r:eth0 10.0.1.1/24 fd00:1::1/64"]
              - endpoints: ["r:eth1 10.0.2.1/24 fd00:2::1/64", "b:eth0 10.0.2.2/24 fd00:2::2/64"]
            checks:
              - tcp: a -> b:80
              - udp: a -> [fd00:2::2]:53
              - tcp: a -> 10.0.2.9:80
                expect: unreachable
            """;

    @TempDir
    Path tmp;
    private KernelDirs kernel;
    private Path lab;

    @BeforeEach
    void setUp() throws IOException {
        kernel = KernelDirs.in(tmp);
        lab = tmp.resolve("ports.yaml");
        Files.writeString(lab, LAB);
        CliRun up = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("3 checks: 3 passed");
    }

    @AfterEach
    void tearDown() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void theKernelAndTheSimulatorSayTheSameForEveryProbe() {
        String[][] probes = {{"tcp", "b:80"}, {"udp", "b:54"}, {"tcp", "[fd00:2::2]:80"}, {"udp", "[fd00:2::2]:53"},
            {"tcp", "r:80"}, {"tcp", "127.0.0.1:5"}, {"tcp", "10.0.2.9:80"}, {"udp", "10.0.2.9:80"}, {"tcp", "10.9.9.9:80"},
            {"udp", "10.9.9.9:80"}, {"tcp", "[fd00:9::1]:80"}, {"tcp", "10.8.0.1:80"}, {"tcp", "10.7.0.1:80"}, {"udp", "10.8.0.1:80"}};
        List<String> differ = new ArrayList<>();
        for (String[] p : probes) {
            CliRun k = CliRun.of(kernel.args("probe", "-l", "ports", p[0], "a", p[1]));
            CliRun s = CliRun.of("probe", "--sim", "-l", lab.toString(), p[0], "a", p[1]);
            assertThat(k.err()).as(p[0] + " " + p[1]).isEmpty();
            if (!k.out().equals(s.out()) || k.exitCode() != s.exitCode()) {
                differ.add("kernel: " + k.out() + "sim:    " + s.out());
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aRealClientMeetsTheKernelNslabListensForAndAServiceOfTheUsersIsUsedAsItIs() throws Exception {
        // without nslab listening, the kernel of b refuses; nslab's probe listens, so its "open" is the network's
        assertThat(client("a", "10.0.2.2", 80)).isEqualTo("ECONNREFUSED");
        assertThat(CliRun.of(kernel.args("probe", "-l", "ports", "tcp", "a", "b:80")).out()).contains(": open (", "nslab listened on b");
        assertThat(client("a", "10.0.2.2", 80)).as("the listener is gone after the probe").isEqualTo("ECONNREFUSED");
        assertThat(client("a", "10.0.2.9", 80)).isEqualTo("EHOSTUNREACH");
        Process service = new ProcessBuilder("nsenter", "--net=" + netns("b"), "python3", "-c",
                "import socket,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                        + "s.bind(('0.0.0.0',8080))\ns.listen()\nprint('up',flush=True)\ntime.sleep(60)").redirectErrorStream(true).start();
        try {
            assertThat(new String(service.getInputStream().readNBytes(3))).isEqualTo("up\n");
            CliRun probe = CliRun.of(kernel.args("probe", "-l", "ports", "tcp", "a", "b:8080"));
            assertThat(probe.exitCode()).isZero();
            assertThat(probe.out()).isEqualTo("tcp a (10.0.1.2) -> 10.0.2.2:8080: open (handshake completed)\n");
        } finally {
            service.destroy();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * probe --explain on the kernel explains what the kernel holds, not the lab file: a drop rule put into the router
     * by hand (nft in its namespace) is named, with the drift, and the simulator of the file still says open.
     */
    @Test
    void explainOnTheKernelNamesARuleTheLabFileDoesNotHave() throws Exception {
        Process nft = new ProcessBuilder("nsenter", "--net=" + netns("r"), "nft", "-f", "-").redirectErrorStream(true).start();
        nft.getOutputStream().write("""
                table inet byhand {
                  chain guard {
                    type filter hook forward priority filter; policy accept;
                    tcp dport 81 drop
                  }
                }
                """.getBytes());
        nft.getOutputStream().close();
        assertThat(nft.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(nft.exitValue()).as(new String(nft.getInputStream().readAllBytes())).isZero();

        CliRun k = CliRun.of(kernel.args("probe", "-l", "ports", "-W", "2", "--explain", "tcp", "a", "b:81"));
        assertThat(k.exitCode()).as(k.out() + k.err()).isEqualTo(1);
        assertThat(k.out()).startsWith("tcp a (10.0.1.2) -> 10.0.2.2:81: filtered")
                .contains("the kernel differs from the lab file", "node r: the kernel's ruleset differs from the file's")
                .contains("tcp a -> 10.0.2.2:81").contains("byhand", "guard", "tcp dport 81 drop");
        CliRun s = CliRun.of("probe", "--sim", "-l", lab.toString(), "--explain", "tcp", "a", "b:81");
        assertThat(s.exitCode()).as(s.out() + s.err()).isZero();
        assertThat(s.out()).doesNotContain("byhand").doesNotContain("differs");
    }

    /** ICMPv6 errors in iputils ping -6's words, in both worlds: the real ping in the node prints the same line. */
    @Test
    void ipv6PingErrorsAreWordedAsPing6DoesInBothWorlds() throws Exception {
        for (String dst : new String[] {"fd00:2::9", "fd00:9::1"}) {
            String k = CliRun.of(kernel.args("ping", "-l", "ports", "a", dst, "-W", "4")).out().lines().skip(1).findFirst().orElse("");
            String s = CliRun.of("ping", "--sim", "-l", lab.toString(), "a", dst, "-W", "4").out().lines().skip(1).findFirst().orElse("");
            Process p = new ProcessBuilder("nsenter", "--net=" + netns("a"), "ping", "-6", "-c1", "-W4", dst).redirectErrorStream(true).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String real = new String(p.getInputStream().readAllBytes()).lines().skip(1).findFirst().orElse("");
            assertThat(k).as(dst).startsWith("From fd00:").contains("Destination unreachable: ").isEqualTo(real).isEqualTo(s);
        }
    }

    private Path netns(String node) {
        return kernel.support.directory().resolve("pt-" + node);
    }

    /** python3's connect() from {@code node}: OK, or the errno's name. */
    private String client(String node, String address, int port) throws Exception {
        Process p = new ProcessBuilder("nsenter", "--net=" + netns(node), "python3", "-c",
                "import socket,errno\ns=socket.socket()\ns.settimeout(5)\ntry:\n s.connect(('" + address + "'," + port + "))\n print('OK')\n"
                        + "except OSError as e:\n print(errno.errorcode.get(e.errno,'timeout'))").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes()).strip();
    }
}
