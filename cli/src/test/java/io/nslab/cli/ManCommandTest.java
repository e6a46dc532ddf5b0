package io.nslab.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Man pages from the commands' own model: one per command, each valid troff that man renders with every option. */
class ManCommandTest {
    @TempDir
    Path tmp;

    @Test
    void installWritesAPagePerCommandThatGroffReadsWithoutWarnings() throws Exception {
        CliRun run = CliRun.of("man", "--install", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> commands = ManPages.commands(Main.commandLine());
        assertThat(commands).contains("up", "down", "logs", "man", "completion").doesNotContain("help", "aot-train");
        List<String> expected = new ArrayList<>(List.of(tmp.resolve("man1/nslab.1").toString()));
        commands.forEach(c -> expected.add(tmp.resolve("man1/nslab-" + c + ".1").toString()));
        assertThat(run.out().lines().toList()).isEqualTo(expected);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed: the pages were written, not rendered");
        for (String c : commands) {
            Path page = tmp.resolve("man1/nslab-" + c + ".1");
            Rendered r = render(page);
            assertThat(r.warnings()).as("groff's warnings on " + page).isEmpty();
            assertThat(r.text()).contains("NAME", "SYNOPSIS", "nslab " + c).containsPattern("nslab-" + c + "\\s+-\\s+\\S");
            for (OptionSpec o : Main.commandLine().getSubcommands().get(c).getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(r.text()).as(c + "'s page names " + o.longestName()).contains(o.longestName());
                }
            }
        }
        Rendered main = render(tmp.resolve("man1/nslab.1"));
        assertThat(main.warnings()).isEmpty();
        assertThat(main.text()).contains("nslab logs", "EXIT STATUS");
    }

    @Test
    void manWithACommandPrintsItsPageAndRefusesAnUnknownOne() {
        CliRun up = CliRun.of("man", "up");
        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).startsWith(".\\\" generated").contains(".TH NSLAB\\-UP 1 ", "\\fB\\-\\-keep\\-drift\\fR");
        CliRun bad = CliRun.of("man", "deploy");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("nslab man: no command \"deploy\"; the commands: validate, ");
    }

    /** man -l where man is installed (as a reader would), else groff's own man macros; warnings apart. */
    private record Rendered(String text, String warnings) {
    }

    private Rendered render(Path page) throws IOException, InterruptedException {
        Path err = tmp.resolve("groff.err");
        List<String> cmd = List.of("groff", "-man", "-Tutf8", "-ww", "-P", "-c", page.toString());
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String text = new String(p.getInputStream().readAllBytes()).replaceAll(".\b", "");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        if (Files.isExecutable(Path.of("/usr/bin/man"))) {
            Process man = new ProcessBuilder("man", "-l", page.toString()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            man.getOutputStream().close();
            String shown = new String(man.getInputStream().readAllBytes());
            assertThat(man.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(man.exitValue()).as(shown).isZero();
        }
        return new Rendered(text, Files.readString(err));
    }
}
