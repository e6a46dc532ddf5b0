package io.nslab.cli;

import io.nslab.ExitCode;
import io.nslab.NslabException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: nslab").contains("validate").contains("Exit codes: 0 ok");
    }

    @Test
    void aFileNameNoPathCanHoldIsRefusedInPlainWords() { // found by CliFuzzTest
        CliRun run = CliRun.of("plan", "a\0b.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("\"a\\u0000b.yaml\" is not a file name: nul character not allowed").doesNotContain("Exception");
    }

    @Test
    void everyCommandHasHelp() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRun run = CliRun.of(name, "--help");
            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name).contains("Usage: nslab " + name);
        }
    }

    @Test
    void versionNamesTheRuntime() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("nslab ").contains("Java 25");
    }

    @Test
    void unknownCommandIsBadInputWithAHint() {
        CliRun run = CliRun.of("valdate", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("validate");
    }

    @Test
    void userErrorsPrintTheMessageOnly() {
        StringWriter err = new StringWriter();
        int code = Main.handle(new NslabException(ExitCode.ENVIRONMENT, "nslab: needs root"), new PrintWriter(err), false);
        assertThat(code).isEqualTo(3);
        assertThat(err).hasToString("nslab: needs root\n");
    }

    @Test
    void bugsSayInternalErrorAndHideTheTraceUnlessDebug() {
        StringWriter err = new StringWriter();
        int code = Main.handle(new IllegalStateException("boom"), new PrintWriter(err), false);
        assertThat(code).isEqualTo(4);
        assertThat(err.toString()).contains("internal error").contains("boom").doesNotContain("\tat ");
        StringWriter debug = new StringWriter();
        Main.handle(new IllegalStateException("boom"), new PrintWriter(debug), true);
        assertThat(debug.toString()).contains("\tat ");
    }
}
