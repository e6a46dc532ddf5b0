package io.nslab.cli;

import io.nslab.fuzz.HostWorld;
import io.nslab.kernel.KernelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid lab files that the kernel refuses part of the way through {@code up} (at an address, a sysctl,
 * a route, the last op of all): the command fails naming the node, the command and the kernel's words,
 * and leaves nothing behind (no namespace, no record, nothing in the root namespace), in a private
 * namespace and state directory. The simulator accepts each of these labs today: when the validator
 * learns to refuse one, "the lab is valid" fails here, and the fixture should give way to another
 * refusal the validator cannot foresee.
 */
class KernelRefusalsTest {
    @TempDir
    Path tmp;
    private KernelTestSupport support;
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        support = KernelTestSupport.create();
        state = tmp.resolve("state");
    }

    @AfterEach
    void tearDown() {
        if (support != null) {
            CliRun.of("cleanup", "--netns-dir", support.directory().toString(), "--state-dir", state.toString());
            support.close();
        }
    }

    private CliRun refusedUp(String lab) {
        String file = "src/test/resources/refused/" + lab;
        assertThat(CliRun.of("validate", file).exitCode()).as("the lab is valid").isZero();
        HostWorld before = HostWorld.read(support.directory(), state);
        CliRun up = CliRun.of("up", file, "--netns-dir", support.directory().toString(), "--state-dir", state.toString());
        assertThat(up.err()).doesNotContain("\tat ").doesNotContain("internal error");
        assertThat(support.registry().list()).as("namespaces left").isEmpty();
        assertThat(HostWorld.read(support.directory(), state).changesTo(before)).as("changes left").isEmpty();
        assertThat(CliRun.of("status", "--state-dir", state.toString()).out()).isEqualTo("no labs running\n");
        return up;
    }

    @Test
    void anIpv6SysctlOfADeviceWithoutIpv6IsRolledBack() {
        CliRun up = refusedUp("ipv6-sysctl-below-1280.yaml");
        assertThat(up.exitCode()).as(up.err()).isEqualTo(3);
        assertThat(up.err()).isEqualTo("nslab up fz-sysctl: node \"a\": ip netns exec fz-sysctl-a sysctl -w "
                + "net.ipv6.conf.e0.forwarding=1: sysctl: cannot stat /proc/sys/net/ipv6/conf/e0/forwarding: No such file or directory\n"
                + "rolled back 9 changes; nothing of this run is left\n");
    }

    @Test
    void anIpv6AddressOnALinkBelow1280IsRolledBack() {
        CliRun up = refusedUp("ipv6-below-1280.yaml");
        assertThat(up.exitCode()).as(up.err()).isEqualTo(3); // the kernel's refusal: exit 3, as every OpException
        assertThat(up.err()).isEqualTo("nslab up fz-mtu: node \"a\": ip -n fz-mtu-a addr add fd00:1::1/64 dev e1 nodad: "
                + "RTNETLINK answers: Invalid argument\nrolled back 8 changes; nothing of this run is left\n");
    }

    @Test
    void anOnlinkRouteViaALinkThatIsDownIsRolledBack() {
        CliRun up = refusedUp("onlink-via-down-link.yaml");
        assertThat(up.exitCode()).as(up.err()).isEqualTo(3);
        assertThat(up.err()).isEqualTo("nslab up fz-onlink: node \"a\": ip -n fz-onlink-a route add 10.9.0.0/16 via 10.7.0.1 dev e0 "
                + "onlink: Error: Nexthop device is not up.\nrolled back 8 changes; nothing of this run is left\n");
    }

    @Test
    void aRouteTheLastOpOfAllIsRolledBackWithEverythingBeforeIt() {
        CliRun up = refusedUp("route-after-disable-ipv6.yaml");
        assertThat(up.exitCode()).as(up.err()).isEqualTo(3);
        assertThat(up.err()).isEqualTo("nslab up fz-v6off: node \"a\": ip -n fz-v6off-a route add fd09::/64 via fd00::2: "
                + "RTNETLINK answers: No route to host\nrolled back 12 changes; nothing of this run is left\n");
    }

    @Test
    void aNamespaceOfTheSameNameThatIsNotTheLabsIsLeftAlone() throws IOException {
        support.registry().create("fz-mtu-b").close();
        String file = "src/test/resources/refused/ipv6-below-1280.yaml";
        CliRun up = CliRun.of("up", file, "--netns-dir", support.directory().toString(), "--state-dir", state.toString());
        // another program's namespace is the environment's state, not a mistake in the file
        assertThat(up.exitCode()).isEqualTo(3);
        assertThat(up.err()).contains("namespace \"fz-mtu-b\": already exists (node b) and is not this lab's (inode ")
                .endsWith("\nnothing was changed\n").doesNotContain("rolled back");
        assertThat(support.registry().list()).containsExactly("fz-mtu-b");
        assertThat(CliRun.of("status", "--state-dir", state.toString()).out()).isEqualTo("no labs running\n");
        assertThat(Files.exists(state.resolve("fz-mtu"))).isFalse();
    }
}
