package io.nslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a bash script inside {@code unshare --net --mount}: a throwaway network namespace that plays the host,
 * so that what the script does there (host endpoints, the AOT training's kernel commands) never reaches the
 * machine's own. Needs root.
 */
final class Sandboxed {
    private Sandboxed() {
    }

    /** {@code nslab} as a shell command: this JVM's java running Main from the test class path. */
    static String nslab() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return String.join(" ", java, "--enable-native-access=ALL-UNNAMED", "-cp", "'" + classpath + "'",
                "io.nslab.cli.Main");
    }

    /** The script's output, stdout and stderr interleaved, once it has ended (within two minutes). */
    static List<String> run(Path tmp, String... lines) throws IOException, InterruptedException {
        Path out = tmp.resolve("sandbox-out.txt");
        Process p = new ProcessBuilder("unshare", "--net", "--mount", "--propagation", "private", "--",
                "bash", "-c", String.join("\n", lines))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.isAlive()).as("the sandboxed script ended within 120 s").isFalse();
        return Files.readAllLines(out);
    }
}
