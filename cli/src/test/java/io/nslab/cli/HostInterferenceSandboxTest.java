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
 * The host's own firewall named by {@code ping --explain} where a lab's packets cross the host. "The host" is a
 * throwaway network namespace ({@code unshare --net --mount}): the test gives it the FORWARD policy drop and the
 * DOCKER-USER chain Docker sets up (with nft, inside the sandbox only), explains a failing ping, allows the lab's
 * packets there, and explains again.
 */
class HostInterferenceSandboxTest {
    static final String ROUTED = """
            name: hostfw
            nodes:
              a: {routes: [default via 10.78.0.1]}
              b: {routes: [default via 10.78.1.1]}
            links:
              - endpoints: ["a:eth0 10.78.0.2/24", "host:nslab-h1 10.78.0.1/24"]
              - endpoints: ["b:eth0 10.78.1.2/24", "host:nslab-h2 10.78.1.1/24"]
            checks:
              - {ping: a -> b, expect: reply}
            """;

    static final String BRIDGED = """
            name: hostbr
            nodes:
              a: {}
              b: {}
            links:
              - endpoints: ["a:eth0 10.79.0.2/24", "host:nslab-b1"]
              - endpoints: ["b:eth0 10.79.0.3/24", "host:nslab-b2"]
            checks:
              - {ping: a -> b, expect: reply}
            """;

    /** What iptables-nft makes for Docker: ip filter FORWARD, policy drop, jumping first to DOCKER-USER, which returns. */
    static final String DOCKER = String.join("; ",
            "nft add table ip filter",
            "nft add chain ip filter FORWARD '{ type filter hook forward priority 0; policy drop; }'",
            "nft add chain ip filter DOCKER-USER",
            "nft add chain ip filter DOCKER-FORWARD",
            "nft add rule ip filter DOCKER-USER counter return",
            "nft add rule ip filter FORWARD counter jump DOCKER-USER",
            "nft add rule ip filter FORWARD counter jump DOCKER-FORWARD",
            "nft add rule ip filter DOCKER-FORWARD oifname docker0 ct state related,established counter accept");

    @TempDir
    Path tmp;

    /** nslab in the sandbox with this test's own netns and state directories, then {@code subcommand} and a space. */
    private String nslab(String subcommand) {
        return Sandboxed.nslab() + " " + subcommand + " --netns-dir=" + tmp.resolve("netns") + " --state-dir=" + tmp.resolve("state") + " ";
    }

    private Path lab(String file, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(file), yaml);
    }

    /** Where the output after the printed fix begins (the line "--- allowed"), which every scenario reaches. */
    private static int allowedAt(List<String> out) {
        int allowed = out.indexOf("--- allowed");
        assertThat(allowed).as(String.join("\n", out)).isPositive();
        return allowed;
    }

    @Test
    void aForwardPolicyDropOnTheHostIsNamedUntilTheLabsPacketsAreAllowed() throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        Path lab = lab("hostfw.yaml", ROUTED);
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_forward=1",
                DOCKER,
                nslab("up --allow-host") + lab + " >/dev/null 2>&1",
                "echo '--- dropped'",
                nslab("ping --explain -W 1") + "-l hostfw a 10.78.1.2 2>&1; echo \"exit: $?\"",
                nslab("check") + "hostfw 2>&1; echo \"check exit: $?\"",
                // the fix as printed, by iptables-nft (never iptables-legacy) inside the sandbox
                "iptables-nft -I DOCKER-USER -i nslab-h1 -o nslab-h2 -j ACCEPT 2>&1",
                "iptables-nft -I DOCKER-USER -i nslab-h2 -o nslab-h1 -j ACCEPT 2>&1",
                "echo '--- allowed'",
                nslab("ping --explain -W 1") + "-l hostfw a 10.78.1.2 2>&1; echo \"exit: $?\"",
                nslab("check") + "hostfw 2>&1; echo \"check exit: $?\"",
                nslab("down") + "hostfw >/dev/null",
                "echo \"left: $(ip -o link | wc -l) links\"");
        String all = String.join("\n", out);
        int allowed = allowedAt(out);
        List<String> dropped = out.subList(0, allowed);
        List<String> passed = out.subList(allowed, out.size());
        assertThat(dropped).as(all).contains("exit: 1").contains(
                "host: the lab's request 10.78.0.2 -> 10.78.1.2, forwarded by the host from nslab-h1 to nslab-h2, is dropped at the "
                        + "host's forward hook by the policy drop of chain FORWARD in table ip filter (iptables -P FORWARD DROP, as Docker sets it)",
                "  fix: allow them: iptables -I DOCKER-USER -i nslab-h1 -o nslab-h2 -j ACCEPT (and the same with nslab-h2 and nslab-h1 "
                        + "swapped, for the answers), or iptables -P FORWARD ACCEPT if nothing on the host needs the drop");
        assertThat(dropped).as(all).contains("check exit: 1", "ping a -> b: the host stops it (read, never changed):")
                .filteredOn(l -> l.startsWith("host: ")).as(all).hasSize(2); // once under ping --explain, once under check
        assertThat(passed).as(all).contains("exit: 0", "check exit: 0", "left: 1 links").noneMatch(l -> l.startsWith("host:"));
    }

    @Test
    void bridgeNetfilterSendingBridgedFramesThroughTheForwardDropIsNamed() throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")),
                "br_netfilter is not loaded on this kernel (HostInterferenceTest covers the reading with a fixture)");
        Path lab = lab("hostbr.yaml", BRIDGED);
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                "echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables",
                DOCKER,
                nslab("up --allow-host") + lab + " >/dev/null 2>&1",
                "ip link add br0 type bridge && ip link set br0 up",
                "ip link set nslab-b1 master br0 && ip link set nslab-b2 master br0",
                "echo '--- dropped'",
                nslab("ping --explain -W 1") + "-l hostbr a 10.79.0.3 2>&1; echo \"exit: $?\"",
                "echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables",
                "echo '--- allowed'",
                nslab("ping --explain -W 1") + "-l hostbr a 10.79.0.3 2>&1; echo \"exit: $?\"",
                nslab("down") + "hostbr >/dev/null",
                "ip link del br0",
                "echo \"left: $(ip -o link | wc -l) links\"");
        String all = String.join("\n", out);
        int allowed = allowedAt(out);
        List<String> dropped = out.subList(0, allowed);
        List<String> passed = out.subList(allowed, out.size());
        assertThat(dropped).as(all).contains("exit: 1").contains(
                "host: the lab's request 10.79.0.2 -> 10.79.0.3, bridged by the host's br0 from nslab-b1 to nslab-b2, passes the host's "
                        + "IP forward hook (net.bridge.bridge-nf-call-iptables = 1, br_netfilter) and is dropped there by the policy drop of "
                        + "chain FORWARD in table ip filter (iptables -P FORWARD DROP, as Docker sets it)");
        assertThat(dropped).as(all).anyMatch(l -> l.startsWith("  fix: allow them: iptables -I DOCKER-USER -i br0 -o br0 -j ACCEPT")
                && l.endsWith("or sysctl -w net.bridge.bridge-nf-call-iptables=0 on the host if nothing there relies on it (Docker and Kubernetes do)"));
        assertThat(passed).as(all).contains("exit: 0", "left: 1 links").noneMatch(l -> l.startsWith("host:"));
    }

    /** Docker's own FORWARD rules (before version 28), made by iptables-nft as Docker makes them: xt matches included. */
    static final String DOCKER_BY_IPTABLES = String.join(" && ",
            "iptables-nft -N DOCKER", "iptables-nft -N DOCKER-ISOLATION-STAGE-1", "iptables-nft -N DOCKER-ISOLATION-STAGE-2",
            "iptables-nft -N DOCKER-USER", "iptables-nft -P FORWARD DROP",
            "iptables-nft -A FORWARD -j DOCKER-USER", "iptables-nft -A FORWARD -j DOCKER-ISOLATION-STAGE-1",
            "iptables-nft -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "iptables-nft -A FORWARD -o docker0 -j DOCKER", "iptables-nft -A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
            "iptables-nft -A FORWARD -i docker0 -o docker0 -j ACCEPT",
            "iptables-nft -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2",
            "iptables-nft -A DOCKER-ISOLATION-STAGE-1 -j RETURN", "iptables-nft -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP",
            "iptables-nft -A DOCKER-ISOLATION-STAGE-2 -j RETURN", "iptables-nft -A DOCKER-USER -j RETURN");

    @Test
    void dockersRulesAsIptablesNftMakesThemDropTheLabsPacketsByThePolicyAndTheirXtMatchesDoNotMuddleIt()
            throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        Path lab = lab("hostfw.yaml", ROUTED);
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_forward=1",
                DOCKER_BY_IPTABLES + " && echo 'docker rules made'",
                nslab("up --allow-host") + lab + " >/dev/null 2>&1",
                nslab("ping --explain -W 1") + "-l hostfw a 10.78.1.2 2>&1; echo \"exit: $?\"",
                "iptables-nft -I DOCKER-USER -i nslab-h1 -o nslab-h2 -j ACCEPT && iptables-nft -I DOCKER-USER -i nslab-h2 -o nslab-h1 -j ACCEPT",
                "echo '--- allowed'",
                nslab("check") + "hostfw 2>&1; echo \"check exit: $?\"",
                nslab("down") + "hostfw >/dev/null",
                "echo \"left: $(ip -o link | wc -l) links\"");
        String all = String.join("\n", out);
        int allowed = allowedAt(out);
        assertThat(out.subList(0, allowed)).as(all).contains("docker rules made", "exit: 1",
                "host: the lab's request 10.78.0.2 -> 10.78.1.2, forwarded by the host from nslab-h1 to nslab-h2, is dropped at the "
                        + "host's forward hook by the policy drop of chain FORWARD in table ip filter (iptables -P FORWARD DROP, as Docker sets it)");
        assertThat(out.subList(allowed, out.size())).as(all).contains("check exit: 0", "left: 1 links").noneMatch(l -> l.startsWith("host:"));
    }

    @Test
    void anInputPolicyDropOnTheHostIsNamedForAPingToTheHost() throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        Path lab = lab("hostlab.yaml", io.nslab.deploy.HostLab.YAML);
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                "nft add table ip filter && nft add chain ip filter INPUT '{ type filter hook input priority 0; policy drop; }'",
                nslab("up --allow-host") + lab + " >/dev/null 2>&1",
                nslab("ping --explain -W 1") + "-l hostlab b 10.77.0.1 2>&1; echo \"exit: $?\"",
                "iptables-nft -I INPUT -i nslab-h0 -j ACCEPT",
                "echo '--- allowed'",
                nslab("ping --explain -W 1") + "-l hostlab b 10.77.0.1 2>&1; echo \"exit: $?\"",
                nslab("down") + "hostlab >/dev/null",
                "echo \"left: $(ip -o link | wc -l) links\"");
        String all = String.join("\n", out);
        int allowed = allowedAt(out);
        assertThat(out.subList(0, allowed)).as(all).contains("exit: 1",
                "host: the lab's request 10.77.1.2 -> 10.77.0.1, received by the host on nslab-h0, is dropped at the host's input hook "
                        + "by the policy drop of chain INPUT in table ip filter (iptables -P INPUT DROP)",
                "  fix: allow them: iptables -I INPUT -i nslab-h0 -j ACCEPT, or iptables -P INPUT ACCEPT if nothing on the host needs the drop");
        assertThat(out.subList(allowed, out.size())).as(all).contains("exit: 0", "left: 1 links").noneMatch(l -> l.startsWith("host:"));
    }

    @Test
    void forwardingOffOnTheHostIsNamedWithThePerInterfaceSwitch() throws IOException, InterruptedException {
        KernelTestSupport.assumePrivileged();
        Path lab = lab("hostfw.yaml", ROUTED);
        List<String> out = Sandboxed.run(tmp,
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_forward=0",
                nslab("up --allow-host") + lab + " >/dev/null 2>&1",
                nslab("ping --explain -W 1") + "-l hostfw a 10.78.1.2 2>&1; echo \"exit: $?\"",
                "sysctl -qw net.ipv4.conf.nslab-h1.forwarding=1 net.ipv4.conf.nslab-h2.forwarding=1",
                "echo '--- allowed'",
                nslab("ping --explain -W 1") + "-l hostfw a 10.78.1.2 2>&1; echo \"exit: $?\"",
                nslab("down") + "hostfw >/dev/null",
                "echo \"left: $(ip -o link | wc -l) links\"");
        String all = String.join("\n", out);
        int allowed = allowedAt(out);
        assertThat(out.subList(0, allowed)).as(all).contains("exit: 1",
                "  fix: enable forwarding on the host itself: sysctl -w net.ipv4.conf.nslab-h1.forwarding=1 there (or net.ipv4.ip_forward=1)",
                "host: the lab's request 10.78.0.2 -> 10.78.1.2 comes in by nslab-h1 and the host does not forward it: "
                        + "net.ipv4.conf.nslab-h1.forwarding = 0 (net.ipv4.ip_forward = 0); the lab does not change the host");
        assertThat(out.subList(allowed, out.size())).as(all).contains("exit: 0", "left: 1 links").noneMatch(l -> l.startsWith("host:"));
    }
}
