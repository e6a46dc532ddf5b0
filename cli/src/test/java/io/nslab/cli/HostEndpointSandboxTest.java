package io.nslab.cli;

import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab with a host endpoint built for real, where "the host" is a throwaway network namespace: the whole
 * run (nslab up --allow-host, the host's view with ip and ping, nslab down) happens inside
 * {@code unshare --net --mount}, so the machine's own namespace is never touched.
 */
class HostEndpointSandboxTest {
    static final String LAB = io.nslab.deploy.HostLab.YAML + """
            checks:
              - {ping: host -> b, expect: reply, ttl: 63}
              - {ping: b -> host, expect: reply, ttl: 63}
            """;

    @TempDir
    Path tmp;

    @Test
    void upMakesTheHostEndAndItsRouteAndDownTakesThemAway() throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        Path lab = tmp.resolve("hostlab.yaml");
        Files.writeString(lab, LAB);
        String nslab = Sandboxed.nslab();
        String dirs = "--netns-dir=" + tmp.resolve("netns") + " --state-dir=" + tmp.resolve("state");
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                nslab + " up " + dirs + " " + lab + " >/dev/null 2>&1; echo \"refused: $?\"",
                "echo \"links before: $(ip -o link | wc -l)\"",
                nslab + " up --allow-host " + dirs + " " + lab + " 2>&1 | sed 's/ in [0-9]* ms$//'",
                "ip -o -4 addr show dev nslab-h0 | awk '{print \"host address:\", $4}'",
                "echo \"host route: $(ip route show 10.77.1.0/24 | sed 's/ *$//')\"",
                "ping -c1 -W2 10.77.1.2 | grep -o 'ttl=[0-9]*' | sed 's/^/host ping: /'",
                nslab + " up --allow-host " + dirs + " " + lab + " 2>&1 | head -1",
                nslab + " down " + dirs + " hostlab | sed 's/ in [0-9]* ms$//'",
                "ip link show nslab-h0 >/dev/null 2>&1 && echo 'host link left' || echo 'host link gone'",
                "echo \"host route after: [$(ip route show 10.77.1.0/24)]\"",
                "echo \"links after: $(ip -o link | wc -l)\"");
        assertThat(out).as(String.join("\n", out)).containsSubsequence(
                "refused: 2",
                "links before: 1",
                "lab hostlab is up: 17 changes (2 namespaces, 2 veth pairs, 4 addresses, 6 link states, 1 sysctl, 2 routes)",
                "host address: 10.77.0.1/24",
                "host route: 10.77.1.0/24 via 10.77.0.2 dev nslab-h0",
                "host ping: ttl=63",
                "lab hostlab is up to date: nothing to do",
                "lab hostlab is down: 2 namespaces removed",
                "host link gone",
                "host route after: []",
                "links after: 1");
        assertThat(out).anyMatch(l -> l.startsWith("PASS  ping host -> b")).anyMatch(l -> l.startsWith("PASS  ping b -> host"));
    }
}
