package io.nslab.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ping, trace, check and up --sim on the simulator: no privilege needed. */
class ProbeCommandsTest {

    @Test
    void upSimRunsTheChecks() {
        CliRun run = CliRun.of("up", "--sim", "../examples/seed.yaml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("lab seed is up in the simulator: 19 changes")
                .contains("PASS  ping ns1 -> 10.10.20.2  expected reply ttl=63, seen reply from 10.10.20.2 ttl=63")
                .endsWith("3 checks: 3 passed, 0 failed\n");
    }

    @Test
    void pingSimPrintsWhatIputilsPrints() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/seed.yaml", "ns1", "ns2", "-c", "2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("time=[0-9.]+ ms", "time=T ms").replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("= [0-9./]+ ms", "= R ms")).isEqualTo("""
                PING 10.10.20.2 (10.10.20.2) 56(84) bytes of data.
                64 bytes from 10.10.20.2: icmp_seq=1 ttl=63 time=T ms
                64 bytes from 10.10.20.2: icmp_seq=2 ttl=63 time=T ms

                --- 10.10.20.2 ping statistics ---
                2 packets transmitted, 2 received, 0% packet loss, time Tms
                rtt min/avg/max/mdev = R ms
                """);
    }

    @Test
    void pingOnTheBrokenSeedExplainsTheMissingRoute() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/seed-broken.yaml", "ns1", "10.10.20.2", "--explain");
        assertThat(run.exitCode()).as("nslab's contract: the probe failed").isEqualTo(1);
        assertThat(run.err()).isEqualTo("ping: connect: Network is unreachable\n"); // on stderr, as iputils prints it
        assertThat(run.out()).contains("no route at ns1 for 10.10.20.2")
                .contains("route add -net 10.10.20.0 netmask 255.255.255.0 gw 10.10.10.1");
    }

    @Test
    void traceSimListsTheHops() {
        CliRun run = CliRun.of("trace", "--sim", "-l", "../examples/chain.yaml", "h1", "h2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().map(l -> l.replaceAll("  [0-9.]+ ms", "")).toList()).containsExactly(
                "traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets",
                " 1  10.0.1.1",
                " 2  10.0.12.1",
                " 3  10.0.23.1",
                " 4  10.0.2.10");
    }

    @Test
    void checkSimFailsWhenAnExpectationIsWrong(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path lab = dir.resolve("wrong.yaml");
        java.nio.file.Files.writeString(lab, java.nio.file.Files.readString(java.nio.file.Path.of("../examples/seed-broken.yaml"))
                .replace("expect: unreachable\n  - ping: ns2", "expect: reply\n  - ping: ns2"));
        CliRun run = CliRun.of("check", "--sim", lab.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  ping ns1 -> 10.10.20.2  expected reply, seen ping: connect: Network is unreachable")
                .endsWith("4 checks: 3 passed, 1 failed\n");
        CliRun json = CliRun.of("check", "--sim", lab.toString(), "-o", "json");
        assertThat(json.out()).contains("\"passed\":false");
    }

    @Test
    void allPairsMatrix() {
        CliRun run = CliRun.of("check", "--sim", "--all-pairs", "../examples/seed-broken.yaml");
        assertThat(run.exitCode()).as("4 of 12 pings unanswered").isEqualTo(1);
        assertThat(run.out()).contains("ns1     ok  ok   !   !").contains("ns2      !   !  ok  ok").contains("8 of 12 pings answered");
    }

    @Test
    void unknownNodeIsBadInput() {
        CliRun run = CliRun.of("ping", "--sim", "-l", "../examples/seed.yaml", "ns9", "10.10.20.2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("lab seed has no node \"ns9\"");
    }

    @Test
    void statusSimShowsTheSimulatedLab() {
        CliRun run = CliRun.of("status", "--sim", "../examples/seed.yaml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("node router  forwarding on")
                .contains("route 10.10.20.0/24 via 10.10.10.1 dev v1").contains("(simulated");
    }
}
