package io.nslab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Mininet's habits: new --topo writes a valid lab whose pingall (check --all-pairs) drops nothing; completion. */
class NewCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "single,3; single-3; 4 nodes, 3 links; 9 of 9; 6/6",
            "linear,3; linear-3; 6 nodes, 5 links; 9 of 9; 6/6",
            "tree,2,2; tree-2-2; 7 nodes, 6 links; 16 of 16; 12/12",
            "star,4; star-4; 5 nodes, 4 links; 40 of 40; 20/20",
            "ring,5; ring-5; 5 nodes, 5 links; 50 of 50; 20/20"})
    void eachShapeIsAValidLabThatDropsNothingInTheSimulator(String topo, String name, String size, String answered, String pingall) {
        Path file = tmp.resolve(name + ".yaml");
        CliRun made = CliRun.of("new", "--topo", topo, "-w", file.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        CliRun valid = CliRun.of("validate", file.toString());
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).startsWith(file + ": ok: lab " + name + ": " + size);
        assertThat(valid.err()).as("no warnings").isEmpty();
        CliRun all = CliRun.of("check", "--sim", "--all-pairs", file.toString());
        assertThat(all.exitCode()).as(all.out()).isZero();
        assertThat(all.out()).contains(answered + " pings answered\n").endsWith("Results: 0% dropped (" + pingall + " received)\n");
    }

    /** A healthy linear,3 reported 9 of 18: the switches, which have no address, counted as failing senders. */
    @Test
    void switchesWithoutAddressesAreNotCountedAsFailing() throws Exception {
        Path file = tmp.resolve("linear.yaml");
        assertThat(CliRun.of("new", "--topo", "linear,3", "-w", file.toString()).exitCode()).isZero();
        CliRun sim = CliRun.of("check", "--sim", "--all-pairs", file.toString());
        assertThat(sim.out()).startsWith("(not probed from, having no address: s1, s2, s3)\n").contains("9 of 9 pings answered");
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            assertThat(CliRun.of(kernel.args("up", file.toString())).exitCode()).isZero();
            CliRun real = CliRun.of(kernel.args("check", "linear-3", "--all-pairs"));
            assertThat(real.exitCode()).as(real.out()).isZero();
            assertThat(real.out()).isEqualTo(sim.out());
        }
    }

    @Test
    void printsWithoutWriteAndRefusesWhatItDoesNotKnow() {
        CliRun printed = CliRun.of("new", "--topo", "single,2");
        assertThat(printed.out()).startsWith("# made by nslab new").contains("name: single-2\n");
        CliRun bad = CliRun.of("new", "--topo", "lineer,3");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("nslab new: --topo lineer,3: unknown topology \"lineer\" (did you mean \"linear\"?); "
                + "one of single,N linear,N tree,DEPTH,FANOUT star,N ring,N\n");
        assertThat(CliRun.of("new", "--topo", "tree,5,5").err()).contains("more than 1000 hosts");
        assertThat(CliRun.of("new", "--topo", "ring,2").err()).contains("2 is out of range 3..1000");
    }

    /** The bash completion script, generated from the commands, completes them (zsh runs the same through bashcompinit). */
    @Test
    void completionCompletesCommandsAndOptions() throws Exception {
        Path script = tmp.resolve("nslab.bash");
        CliRun run = CliRun.of("completion", "bash");
        assertThat(run.exitCode()).isZero();
        Files.writeString(script, run.out());
        assertThat(CliRun.of("completion", "zsh").out()).isEqualTo(run.out());
        String test = "source " + script + "\n"
                + "COMP_WORDS=(nslab ch); COMP_CWORD=1; COMP_LINE='nslab ch'; COMP_POINT=8; _complete_nslab nslab ch nslab 2>/dev/null; echo \"${COMPREPLY[@]}\"\n"
                + "COMP_WORDS=(nslab check --al); COMP_CWORD=2; COMP_LINE='nslab check --al'; COMP_POINT=16; _complete_nslab nslab --al check 2>/dev/null; "
                + "echo \"${COMPREPLY[@]}\"\n";
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder("bash", "-c", test).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(out)).as(Files.readString(out)).containsExactly("check", "--all-pairs");
    }

    /** fish gets its own script from the same model; fish's own complete --do-complete answers with it. */
    @Test
    void fishCompletionCompletesCommandsOptionsAndFormats() throws Exception {
        CliRun run = CliRun.of("completion", "fish");
        assertThat(run.exitCode()).isZero();
        Path script = tmp.resolve("nslab.fish");
        Files.writeString(script, run.out());
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v fish").start().waitFor() == 0,
                "fish is not installed: the script is not run");
        String test = "source " + script + "; complete --do-complete 'nslab ch'; echo ---; complete --do-complete 'nslab check --al';"
                + " echo ---; complete --do-complete 'nslab status -o '; echo ---; complete --do-complete 'nslab completion '";
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder("fish", "--no-config", "-c", test).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(out).stream().map(l -> l.split("\t")[0]).toList();
        assertThat(lines).as(Files.readString(out)).containsExactly("check", "---", "--all-pairs", "---", "json", "table", "yaml",
                "---", "bash", "fish", "zsh"); // fish sorts them
    }
}
