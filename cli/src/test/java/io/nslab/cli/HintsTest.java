package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hint a command prints is a command that works: each is taken from the message and run (docs/cli.md, "Hints").
 * Placeholders (LAB.yaml, LAB, NODE, DST, CMD) stand for what the user would type. The hints of commands run without
 * privilege are UnprivilegedTest's.
 */
class HintsTest {
    private static final String SEED = "../examples/seed.yaml";

    @TempDir
    Path tmp;

    private Map<String, String> placeholders() {
        return Map.of("LAB.yaml", SEED, "LAB", "seed", "NODE", "ns1", "DST", "ns2", "CMD", "true",
                "lab.yaml", tmp.resolve("new.yaml").toString());
    }

    /** containerlab's deploy got "Did you mean: nslab plan?". */
    @Test
    void otherToolsWordsGetTheirNslabEquivalentWhichRuns() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            for (String word : Habits.WORDS.keySet()) {
                CliRun run = CliRun.of(word, "x");
                assertThat(run.exitCode()).as(word).isEqualTo(2);
                assertThat(run.err()).as(word).startsWith("nslab: no \"" + word + "\" command: ").doesNotContain("Did you mean");
                List<List<String>> hints = Hints.in(run.err(), placeholders());
                assertThat(hints).as(word).hasSize(2); // the equivalent, and `nslab --help`
                List<String> hint = hints.getFirst();
                // a lab runs for the hints that need one; up and new run against nothing, down last
                if (List.of("up", "down", "new").contains(hint.getFirst()) || hint.getFirst().equals("exec") && hint.size() == 2) {
                    continue;
                }
                CliRun.of(kernel.args("up", SEED));
                Hints.run(run.err().replaceAll("(?s)\nTry.*", ""), placeholders(), kernel.options);
            }
            Hints.run("`nslab new --topo linear,3 -w lab.yaml`", placeholders());
            Hints.run("`nslab up LAB.yaml` `nslab down LAB`", placeholders(), kernel.options);
            // `nslab exec NODE` opens a shell: it parses; a shell on the test's stdin is not run
            assertThat(Main.commandLine("exec").parseArgs("exec", "ns1").hasSubcommand()).isTrue();
        }
    }

    /** "Unknown option: '-br'" was all exec said. */
    @Test
    void aCommandsOwnOptionsWithoutDashesGetTheLineWithDashes() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            assertThat(CliRun.of(kernel.args("up", SEED)).exitCode()).isZero();
            CliRun exec = CliRun.of("exec", "--netns-dir", kernel.options[1], "--state-dir", kernel.options[3], "ns1", "ip", "-br", "a");
            assertThat(exec.exitCode()).isEqualTo(2);
            assertThat(exec.err()).contains("nslab exec: the command to run, and its options, come after --: `nslab exec --netns-dir "
                    + kernel.options[1] + " --state-dir " + kernel.options[3] + " ns1 -- ip -br a`");
            Hints.run(exec.err(), placeholders());
            CliRun all = CliRun.of("exec", "--all", "ip", "-br", "a");
            assertThat(all.err()).contains("`nslab exec --all -- ip -br a`");
            CliRun sandbox = CliRun.of("sandbox", "ip", "-br", "a");
            assertThat(sandbox.err()).contains("nslab sandbox: the command to run, and its options, come after --: `nslab sandbox -- ip -br a`");
            Hints.run(sandbox.err(), placeholders());
        }
    }

    @Test
    void whenNoLabOrSeveralRunTheHintsNameOne() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            CliRun none = CliRun.of(kernel.args("check"));
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.err()).contains("`nslab up LAB.yaml`").contains("`nslab check --sim -l LAB.yaml");
            Hints.run(none.err(), placeholders(), kernel.options);

            Path other = tmp.resolve("other.yaml");
            Files.writeString(other, Files.readString(Path.of(SEED)).replace("name: seed", "name: other")
                    .replace("netns-prefix: \"\"", "netns-prefix: \"o-\""));
            assertThat(CliRun.of(kernel.args("up", other.toString())).exitCode()).isZero();
            CliRun several = CliRun.of(kernel.args("down"));
            assertThat(several.exitCode()).isEqualTo(2);
            assertThat(several.err()).isEqualTo("nslab down: several labs are running (other, seed); name one: `nslab down other`\n");
            CliRun ping = CliRun.of(kernel.args("ping", "ns1", "ns2"));
            assertThat(ping.exitCode()).isEqualTo(2);
            assertThat(ping.err()).startsWith("several running labs could be meant (other, seed); choose one: `nslab ping -l other ns1 ns2");
            Hints.run(ping.err(), placeholders());
            Hints.run(several.err(), placeholders(), kernel.options);
            CliRun one = CliRun.of(kernel.args("down"));
            assertThat(one.out()).as("the only running lab is the default").startsWith("lab seed is down");
        }
    }

    @Test
    void theSimulatorWithoutALabNamesTheFile() {
        CliRun run = CliRun.of("check", "--sim", "--state-dir", tmp.resolve("state").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("no lab is running; name the lab file: `nslab check --sim -l LAB.yaml --state-dir "
                + tmp.resolve("state") + "`\n");
        Hints.run(run.err(), placeholders());
    }

    @Test
    void newAndImportSayWhatToRunNext() throws Exception {
        Path file = tmp.resolve("ring.yaml");
        CliRun made = CliRun.of("new", "--topo", "ring,4", "-w", file.toString());
        assertThat(made.exitCode()).isZero();
        assertThat(made.err()).isEqualTo("wrote " + file + " (lab ring-4); next: `nslab up " + file + "`, then `nslab check --all-pairs ring-4`\n");
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            List<CliRun> runs = Hints.run(made.err(), placeholders(), kernel.options);
            assertThat(runs.get(1).out()).endsWith("Results: 0% dropped (12/12 received)\n");
        }
        Path lab = tmp.resolve("imported.yaml");
        CliRun imported = CliRun.of("import", "../examples/seed.sh", "-o", lab.toString());
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.err()).endsWith("nslab import: -o is now -w (-o names a format in every other command): "
                + "`nslab import ../examples/seed.sh -w " + lab + "`\n");
        Files.delete(lab);
        Hints.run(imported.err().substring(imported.err().indexOf("nslab import: -o")), placeholders());
        assertThat(lab).exists();
    }

    @Test
    void execWithoutANodeNamesBothForms() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            assertThat(CliRun.of(kernel.args("up", SEED)).exitCode()).isZero();
            CliRun run = CliRun.of(kernel.args("exec"));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("nslab exec: name the node: `nslab exec NODE -- CMD`, or every node: `nslab exec --all -- CMD`\n");
            for (List<String> hint : Hints.in(run.err(), placeholders())) {
                List<String> args = new java.util.ArrayList<>(hint);
                args.addAll(1, List.of(kernel.options));
                assertThat(CliRun.of(args.toArray(new String[0])).exitCode()).as(String.join(" ", hint)).isZero();
            }
        }
    }
}
