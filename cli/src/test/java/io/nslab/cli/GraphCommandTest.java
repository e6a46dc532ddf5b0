package io.nslab.cli;

import io.nslab.graph.LabGraphs;
import io.nslab.model.load.LabLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** nslab graph's formats and files, and the README's picture, which must be what the command draws now. */
class GraphCommandTest {
    private static final String SEED = "../examples/seed.yaml";

    @TempDir
    Path tmp;

    @Test
    void formatsFollowOptionThenExtension() throws Exception {
        CliRun svg = CliRun.of("graph", SEED);
        assertThat(svg.exitCode()).as(svg.err()).isZero();
        assertThat(svg.out()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("data-node=\"router\"");
        assertThat(CliRun.of("graph", SEED, "-o", "dot").out()).startsWith("graph \"seed\" {\n");
        assertThat(CliRun.of("graph", SEED, "-o", "mermaid").out()).contains("flowchart LR\n");

        Path dot = tmp.resolve("seed.gv");
        CliRun written = CliRun.of("graph", SEED, "-w", dot.toString());
        assertThat(written.exitCode()).isZero();
        assertThat(written.out()).isEmpty();
        assertThat(written.err()).startsWith("wrote " + dot);
        assertThat(Files.readString(dot)).startsWith("graph \"seed\"");
        Path mmd = tmp.resolve("seed.mmd");
        assertThat(CliRun.of("graph", SEED, "-w", mmd.toString()).exitCode()).isZero();
        assertThat(Files.readString(mmd)).contains("flowchart LR");
        Path forced = tmp.resolve("seed.txt");
        assertThat(CliRun.of("graph", SEED, "-w", forced.toString(), "-o", "dot").exitCode()).isZero();
        assertThat(Files.readString(forced)).startsWith("graph ");

        CliRun unknown = CliRun.of("graph", SEED, "-w", tmp.resolve("seed.png").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("the extension names no format").contains("-o svg|dot|mermaid");
        assertThat(CliRun.of("graph", SEED, "-o", "png").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("graph", "../examples/no-such.yaml").exitCode()).isEqualTo(2);
    }

    /** The README shows docs/seed.svg: it is what `nslab graph examples/seed.yaml -w docs/seed.svg` writes today. */
    @Test
    void theReadmesPictureIsWhatTheCommandDrawsNow() throws Exception {
        Path fresh = tmp.resolve("seed.svg");
        assertThat(CliRun.of("graph", SEED, "-w", fresh.toString()).exitCode()).isZero();
        assertThat(Files.readString(Path.of("../docs/seed.svg")))
                .as("docs/seed.svg is stale: run ./nslab graph examples/seed.yaml -w docs/seed.svg").isEqualTo(Files.readString(fresh));
        assertThat(Files.readString(Path.of("../README.md"))).contains("](docs/seed.svg)");
    }

    /** A 300-host star is drawn (its time is a benchmark's to measure, not asserted here). */
    @Test
    void aLargeLabIsDrawn() {
        String yaml = StarLab.yaml("star", 300);
        var graph = LabGraphs.of(LabLoader.parse("star.yaml", yaml));
        assertThat(graph.nodes()).hasSize(301);
        assertThat(io.nslab.graph.GraphFormat.svg.render(graph)).contains("data-node=\"h299\"");
    }
}
