package io.nslab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CLI as a process of its own (as users run it: a JVM per command), for tests that kill, stop or time it. */
final class CliProcess {
    private CliProcess() {
    }

    /** {@code java ... io.nslab.cli.Main ARGS}, the JVM flags the launcher uses. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.nslab.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts the command with stdout and stderr going to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
