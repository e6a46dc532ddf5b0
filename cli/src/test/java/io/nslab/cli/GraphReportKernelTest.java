package io.nslab.cli;

import io.nslab.graph.SvgStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** graph and report of a running lab, read back from the kernel, in private namespace and state directories. */
class GraphReportKernelTest {
    private static final String SEED = "../examples/seed.yaml";

    @TempDir
    Path tmp;

    @Test
    void theKernelsPictureAndReportOfTheSeedLab() throws Exception {
        try (KernelDirs kernel = KernelDirs.in(tmp)) {
            CliRun up = CliRun.of(kernel.args("up", SEED));
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();

            // read back from the kernel, the picture is the file's
            CliRun fromKernel = CliRun.of(kernel.args("graph", "seed"));
            assertThat(fromKernel.exitCode()).as(fromKernel.err()).isZero();
            assertThat(fromKernel.out()).isEqualTo(CliRun.of("graph", SEED).out());
            assertThat(CliRun.of(kernel.args("graph")).out()).as("the only running lab").isEqualTo(fromKernel.out());

            // a link set down by hand is drawn dashed: the kernel's state, not the file's
            assertThat(CliRun.of(kernel.args("link", "seed", "ns2:v2", "down")).exitCode()).isZero();
            String down = CliRun.of(kernel.args("graph", "seed")).out();
            SvgStructure svg = SvgStructure.parse(down);
            assertThat(svg.nodes().keySet()).containsExactly("ns1", "router", "ns2");
            assertThat(down).contains("<g class=\"link down\" id=\"link-1\" data-a=\"ns2:v2\" data-b=\"router:v2_r\"");
            assertThat(CliRun.of(kernel.args("graph", "seed", "--sim")).out()).as("--sim: as last applied").doesNotContain("link down");

            Path html = tmp.resolve("kernel.html");
            CliRun report = CliRun.of(kernel.args("report", "seed", "-w", html.toString()));
            assertThat(report.exitCode()).as("ns2 is cut off: " + report.err()).isEqualTo(1);
            String page = Files.readString(html);
            assertThat(page).contains("<p class=\"summary\">kernel &middot;").contains("the kernel differs from the lab file")
                    .contains("<g class=\"link down\"").contains("button type=\"button\" class=\"cell fail\"");

            assertThat(CliRun.of(kernel.args("link", "seed", "ns2:v2", "up")).exitCode()).isZero();
            CliRun green = CliRun.of(kernel.args("report", "seed", "-w", html.toString()));
            assertThat(green.exitCode()).as(green.err()).isZero();
            assertThat(Files.readString(html)).contains("<section class=\"lab green\"").doesNotContain("class=\"cell fail\"");
            assertThat(CliRun.of(kernel.args("down", "seed")).exitCode()).isZero();
        }
    }
}
