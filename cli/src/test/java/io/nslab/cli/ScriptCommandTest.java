package io.nslab.cli;

import io.nslab.kernel.Privilege;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptCommandTest {
    static final String SEED = "../examples/seed.sh";

    @Test
    void runsTheTutorialOnTheSimulator() {
        CliRun r = CliRun.of("script", SEED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("64 bytes from 10.10.20.2: icmp_seq=3 ttl=63", "10.10.20.0      10.10.10.1      255.255.255.0   UG");
        assertThat(r.err()).isEqualTo("ping: connect: Network is unreachable\n");
    }

    /**
     * script's and import's command lines, whose picocli model is written in code (CodedSpec): the file is required,
     * --kernel and --compare exclude each other, a number is a number, and the defaults are in the help.
     */
    @Test
    void theCommandLinesAreCheckedAsPicocliChecksThem() {
        CliRun none = CliRun.of("script");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("nslab: Missing required parameter: 'FILE.sh'\nTry `nslab script --help`");
        assertThat(CliRun.of("import").err()).startsWith("nslab: Missing required parameter: 'FILE.sh'\nTry `nslab import --help`");
        CliRun both = CliRun.of("script", "--kernel", "--compare", SEED);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("nslab: Error: --kernel, --compare are mutually exclusive (specify only one)");
        assertThat(CliRun.of("script", "--time-limit", "abc", SEED).err())
                .startsWith("nslab: Invalid value for option '--time-limit': 'abc' is not a long");
        assertThat(CliRun.of("import", "--name").err()).startsWith("nslab: Missing required parameter for option '--name' (<name>)");
        String help = CliRun.of("script", "--help").out();
        assertThat(help).startsWith("Usage: nslab script [-hV] [--debug] [--interrupt-after=SECONDS]")
                .contains("[--kernel | --compare] FILE.sh", "(default: 4).", "(default: 120).", "(default: host).",
                        "  -V, --version              Print version information and exit.");
        assertThat(CliRun.of("import", "--help").out()).contains("[--time-limit=SECONDS] [-w=LAB.yaml] FILE.sh")
                .doesNotContain("--output");
    }

    /** bash runs the script: pipes, $(...), functions, if, sudo, and the tools under their full paths. */
    @Test
    void runsWhatBashRuns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bash.sh");
        Files.writeString(f, """
                set -euo pipefail
                up() { sudo ip -n "$1" link set lo up; }
                sudo ip netns add a
                up a
                if ip -n a link show lo | grep -q LOWER_UP; then echo "lo is up in $(ip netns list)"; fi
                /usr/sbin/ip netns list | xargs -I{} ip -n {} -br link
                """);
        CliRun r = CliRun.of("script", f.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("lo is up in a\nlo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void stopsAScriptThatRunsTooLong(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("forever.sh");
        Files.writeString(f, "echo started\nwhile :; do sleep 1; done\n");
        CliRun r = CliRun.of("script", "--time-limit", "2", f.toString());
        assertThat(r.out()).isEqualTo("started\n");
        assertThat(r.err()).isEqualTo("nslab script: " + f + " stopped after 2 s (--time-limit)\n");
        assertThat(r.exitCode()).isEqualTo(124);
    }

    @Test
    void returnsTheScriptsStatusUnderSetE(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.sh");
        Files.writeString(f, "set -e\nip link set nosuch up\necho never\n");
        CliRun r = CliRun.of("script", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Cannot find device \"nosuch\"\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void importWritesALabThatValidates(@TempDir Path dir) {
        Path lab = dir.resolve("seed.yaml");
        CliRun r = CliRun.of("import", SEED, "-o", lab.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(lab).content().contains("name: seed", "  host:\n    sysctls:\n", "      net.ipv4.ip_forward: 1\n",
                "10.10.20.0/24 via 10.10.10.1 dev v1");
        assertThat(CliRun.of("validate", lab.toString()).exitCode()).isZero();
        CliRun up = CliRun.of("up", "--sim", lab.toString());
        assertThat(up.exitCode()).isZero();
    }

    /**
     * The name is written into the lab file unquoted: before this was checked, "x\ndefaults: {forwarding: true}"
     * added a defaults section to the lab (exit 0) and "x #y" named the lab "x".
     */
    @Test
    void importRefusesANameThatIsNotALabName(@TempDir Path dir) {
        Path lab = dir.resolve("out.yaml");
        for (String name : List.of("x\ndefaults: {forwarding: true}", "x #y", "a: b", "", "-x", "x".repeat(64), "{}")) {
            CliRun r = CliRun.of("import", SEED, "--name", name, "-o", lab.toString());
            assertThat(r.exitCode()).as(name).isEqualTo(2);
            assertThat(r.err()).as(name).startsWith("nslab import: --name: ").contains("lab name").doesNotContain("node name")
                    .hasLineCount(1);
            assertThat(r.out()).isEmpty();
            assertThat(lab).doesNotExist();
        }
        CliRun newline = CliRun.of("import", SEED, "--name", "x\ndefaults: {}");
        assertThat(newline.err()).isEqualTo("nslab import: --name: lab name \"x\\ndefaults: {}\" cannot be a namespace "
                + "name: use letters, digits, '-', '_' and '.', starting with a letter or digit\n");
        CliRun ok = CliRun.of("import", SEED, "--name", "my.lab_2-b", "-o", lab.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(lab).content().contains("\nname: my.lab_2-b\n");
    }

    /**
     * A script that makes no namespace (rules in the host's ruleset only) has no lab to import: said as such, exit 2,
     * nothing written. Before, the error named a line of the -w file, which was never written.
     */
    @Test
    void importOfAScriptWithoutNamespacesSaysSoAndWritesNothing(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("host-rules.sh");
        Files.writeString(script, "iptables -A OUTPUT -d 10.9.9.9 -j DROP\n");
        Path lab = dir.resolve("out.yaml");
        CliRun r = CliRun.of("import", script.toString(), "-w", lab.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("makes no namespace that a lab could hold").contains("no lab written")
                .doesNotContain(lab.toString());
        assertThat(lab).doesNotExist();
    }

    /** A script's file name longer than a lab name may be is cut to 63 characters rather than refused. */
    @Test
    void importCutsALongFileNameToALabName(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("a".repeat(70) + ".sh");
        Files.writeString(script, "ip netns add n1\n");
        CliRun r = CliRun.of("import", script.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("\nname: " + "a".repeat(63) + "\n");
    }

    @Test
    void compareFindsNoDifferenceOnTheTutorial() {
        String missing = Privilege.missing();
        if (missing != null) {
            System.out.println("ScriptCommandTest: --compare skipped: " + missing);
            return;
        }
        CliRun r = CliRun.of("script", "--compare", SEED);
        assertThat(r.out()).isEqualTo(SEED + ": no difference between the kernel and the simulator\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void compareSaysWhenBothShellsCrashed(@TempDir Path dir) throws Exception {
        String missing = Privilege.missing();
        if (missing != null) {
            System.out.println("ScriptCommandTest: --compare skipped: " + missing);
            return;
        }
        // what a script's ip() { sudo ip "$@"; } did while sudo ran the function: bash overran its stack, on both sides
        Path f = dir.resolve("crash.sh");
        Files.writeString(f, "echo before\nkill -SEGV $$\necho after\n");
        CliRun r = CliRun.of("script", "--compare", f.toString());
        assertThat(r.out()).isEqualTo(f + ": no difference between the kernel and the simulator; both runs ended by signal 11"
                + " (exit 139): the script's shell was killed, or crashed\n");
        assertThat(r.exitCode()).isZero();
    }
}
