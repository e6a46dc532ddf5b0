package io.nslab.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Found by CliFuzzTest: {@code ping -W -9223372036854775809} overflowed a Duration, exit 4 "internal error". */
class ProbeLimitsTest {
    private static final String LAB = "../examples/seed.yaml";

    private static CliRun ping(String... options) {
        String[] args = new String[options.length + 6];
        args[0] = "ping";
        args[1] = "--sim";
        args[2] = "-l";
        args[3] = LAB;
        System.arraycopy(options, 0, args, 4, options.length);
        args[args.length - 2] = "ns1";
        args[args.length - 1] = "ns2";
        return CliRun.of(args);
    }

    @Test
    void numbersOutOfRangeAreRefusedNamingTheOption() {
        assertThat(ping("-W", "-9223372036854775809").err()).isEqualTo("nslab ping: -W -9.223372036854776E18 is out of range 0..3600 seconds\n");
        assertThat(ping("-i", "NaN").err()).isEqualTo("nslab ping: -i NaN is out of range 0..3600 seconds\n");
        assertThat(ping("-c", "2147483647").err()).isEqualTo("nslab ping: -c 2147483647 is out of range 1..100000\n");
        assertThat(ping("-t", "0").err()).isEqualTo("nslab ping: -t 0 is out of range 1..255\n");
        assertThat(ping("-s", "-1").err()).isEqualTo("nslab ping: -s -1 is out of range 0..65527\n");
        assertThat(ping("-I", "10.0.0.256").err()).startsWith("nslab ping: -I \"10.0.0.256\" is not an address: ");
        assertThat(ping("-W", "1e400").exitCode()).isEqualTo(2);
        CliRun trace = CliRun.of("trace", "--sim", "-l", LAB, "-q", "2147483647", "ns1", "ns2");
        assertThat(trace.exitCode()).isEqualTo(2);
        assertThat(trace.err()).isEqualTo("nslab trace: -q 2147483647 is out of range 1..10\n");
    }

    @Test
    void numbersInRangeStillWork() {
        CliRun run = ping("-c", "2", "-W", "0.5", "-i", "0.2", "-t", "64", "-s", "100");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 packets transmitted, 2 received");
    }
}
