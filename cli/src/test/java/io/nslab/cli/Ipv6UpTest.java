package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * up on the kernel with IPv6 in the lab: checks to IPv6 destinations (up built the lab, then exited 2 with "the
 * kernel world pings IPv4 only so far", leaving it up), and IPv4-mapped addresses and routes (exit 4).
 */
class Ipv6UpTest extends KernelWorld {
    @Test
    void upRunsIpv6ChecksAcrossARouter() throws IOException {
        Path lab = tmp.resolve("v6.yaml");
        Files.writeString(lab, """
                name: v6
                nodes:
                  a:
                    routes: ["default via fd00:1::1"]
                  r:
                    ipv6-forwarding: true
                  b:
                    routes: ["default via fd00:2::1"]
                links:
                  - endpoints: ["a:eth0 fd00:1::2/64", "r:eth0 fd00:1::1/64"]
                  - endpoints: ["r:eth1 fd00:2::1/64", "b:eth0 fd00:2::2/64"]
                checks:
                  - ping: a -> b
                    expect: reply
                    ttl: 63
                  - ping: a -> fd00:2::2
                    send-ttl: 1
                    expect: ttl-exceeded
                    from: fd00:1::1
                """);
        CliRun up = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("PASS  ping a -> b ", "seen reply from fd00:2::2 ttl=63",
                "seen From fd00:1::1 Time to live exceeded", "2 checks: 2 passed, 0 failed");
        CliRun check = CliRun.of(kernel.args("check", "v6"));
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        CliRun ping = CliRun.of(kernel.args("ping", "a", "fd00:2::2", "-c", "1"));
        assertThat(ping.exitCode()).as(ping.err()).isZero();
        assertThat(ping.out()).startsWith("PING fd00:2::2(fd00:2::2) 56 data bytes\n64 bytes from fd00:2::2: icmp_seq=1 ttl=63 time=");
        assertThat(CliRun.of(kernel.args("down", "v6")).exitCode()).isZero();
    }

    @Test
    void upBuildsAndReadsBackIpv4MappedAddressesAndRoutes() throws IOException {
        Path lab = tmp.resolve("mapped.yaml");
        Files.writeString(lab, """
                name: mapped
                nodes:
                  a:
                    routes: ["::ffff:0:0/96 via fd00:1::2"]
                  b: {}
                links:
                  - endpoints: ["a:eth0 10.0.0.1/24 fd00:1::1/64 ::ffff:10.0.0.1/128", "b:eth0 10.0.0.2/24 fd00:1::2/64"]
                """);
        CliRun up = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("lab mapped is up: 13 changes");
        CliRun again = CliRun.of(kernel.args("up", lab.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("lab mapped is up to date: nothing to do");
        CliRun status = CliRun.of(kernel.args("status", "mapped"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("::ffff:10.0.0.1/128", "route ::ffff:0.0.0.0/96 via fd00:1::2 dev eth0");
        assertThat(CliRun.of(kernel.args("down", "mapped")).exitCode()).isZero();
    }
}
