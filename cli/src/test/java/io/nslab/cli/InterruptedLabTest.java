package io.nslab.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab whose up was killed half-way is recognised by every command, in the same words (docs/cli.md, "Interrupted
 * labs"), and the two commands they name work. Before, check said the lab was not running while status listed it, and
 * exec, ping, trace and ns said nothing of it.
 */
class InterruptedLabTest extends KernelWorld {
    private static String said(String lab) {
        return "a previous `up` of lab " + lab + " was interrupted; `nslab up LAB.yaml` (its file) resumes it, `nslab down " + lab
                + "` removes it";
    }

    @Test
    void aFirstUpKilledHalfWayIsSaidSoEverywhere() throws Exception {
        Path file = tmp.resolve("star.yaml");
        Files.writeString(file, StarLab.yaml("half", 150));
        InterruptedUp.kill(kernel, file, 10, tmp.resolve("up.log"));

        CliRun status = CliRun.of(kernel.args("status"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("(" + said("half") + ")");
        for (String[] args : List.of(kernel.args("check", "half"), kernel.args("check"), kernel.args("ping", "h1", "r"),
                kernel.args("trace", "h1", "r"), kernel.args("exec", "h1"), kernel.args("ns", "half"),
                kernel.args("ping", "-l", "half", "h1", "r"))) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(3);
            assertThat(run.err()).as(String.join(" ", args)).isEqualTo(said("half") + "\n");
        }
        CliRun ns = CliRun.of(kernel.args("ns"));
        assertThat(ns.err()).isEqualTo("nslab ns: " + said("half") + "\n");

        // the second command it names removes it (the first, up of its file, is upOfItsFileResumesIt's)
        CliRun down = CliRun.of(kernel.args("down", "half"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(kernel.support.registry().list()).isEmpty();
        assertThat(CliRun.of(kernel.args("status")).out()).isEqualTo("no labs running\n");
    }

    @Test
    void upOfItsFileResumesIt() throws Exception {
        Path file = tmp.resolve("star.yaml");
        Files.writeString(file, StarLab.yaml("half", 150));
        InterruptedUp.kill(kernel, file, 10, tmp.resolve("up.log"));
        List<CliRun> runs = Hints.run(said("half"), Map.of("LAB.yaml", file.toString()), kernel.options);
        assertThat(runs.getFirst().out()).contains("lab half is up: ");
        // one line per kind of note, counted: one line per namespace before (37 in a run here, up to 150 for this star)
        assertThat(runs.getFirst().out().lines().filter(l -> l.startsWith("namespace ")).toList()).as(runs.getFirst().out())
                .hasSizeLessThanOrEqualTo(3)
                .anyMatch(l -> l.matches("namespace half-\\S+ and \\d+ more: made by an up that was interrupted; removed \\(-v names them\\)"));
        assertThat(kernel.support.registry().list()).isEmpty();
    }

    @Test
    void aLaterUpKilledHalfWayLeavesTheLabAsItWasWithANote() throws Exception {
        Path file = tmp.resolve("star.yaml");
        Files.writeString(file, StarLab.yaml("grow", 100));
        assertThat(CliRun.of(kernel.args("up", file.toString())).exitCode()).isZero();
        Files.writeString(file, StarLab.yaml("grow", 250));
        InterruptedUp.kill(kernel, file, 130, tmp.resolve("up.log"));

        CliRun check = CliRun.of(kernel.args("check", "grow"));
        assertThat(check.err()).as("it goes on with the lab as last applied, saying so first").startsWith("nslab: note: " + said("grow") + "\n");
        CliRun ping = CliRun.of(kernel.args("ping", "h1", "r"));
        assertThat(ping.err()).startsWith("nslab: note: " + said("grow") + "\n");
        assertThat(ping.exitCode()).as(ping.out() + ping.err()).isZero();
        // up of the file finishes it (it failed with internal error setns(...): EINVAL on a namespace file the killed
        // run had made but not bound, until main's deploy core bound namespaces only after recording their inode)
        CliRun up = CliRun.of(kernel.args("up", file.toString()));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("\nlab grow is up: ")
                .containsPattern("namespace grow-h100( and \\d+ more)?: made by an up that was interrupted; removed( \\(-v names them\\))?\n");
        CliRun status = CliRun.of(kernel.args("status", "grow"));
        assertThat(status.out()).doesNotContain("interrupted").contains("h249");
        CliRun down = CliRun.of(kernel.args("down", "grow"));
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(kernel.support.registry().list()).isEmpty();
    }
}
